"""``ogi-check serve``: the editor's desk in a browser (an optional extra: ``pip install 'ogi-check[web]'``).

- ``app``: the Starlette application (routes, limits on a request, security headers);
- ``desk``: the check of a batch of uploads in a private temporary folder, through checker.run.Checker;
- ``page``: the page in Chinese (form, downloads, overview, findings), everything inline.
"""
