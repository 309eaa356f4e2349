"""ogi-check: checks 政府信息公开工作年度报告 against the Regulations and the national formats."""

__version__ = "0.1.0"
