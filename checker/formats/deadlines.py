"""The statutory publication deadlines of the annual reports (of the year after the report year)."""

# The 2019 条例 (Art. 49): departments by 31 January, governments by 31 March of the next year
# (rules/Y/Y003.yaml carries the same dates; a test keeps them equal). A local rule may only make
# them stricter, and only reports under the 2019 条例 are held to it.
STATUTORY_DEADLINES = {"government": "03-31", "department": "01-31"}
