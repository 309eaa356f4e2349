"""lazy.required_literals keeps what it reads of each group (the same groups recur across patterns: T020's
phrases each hold NUMBER): what it answers for every built-in pattern and count phrase is pinned here, as
commit 3249f4d answered it, with the memo cold and warm."""

from __future__ import annotations

import yaml

from checker import lazy
from checker.kinds._counts import CountPhrase
from checker.rules import builtin_rules_dir

PINNED = {
    'A001.0': ('bookmark', 'BOOKMARK'),
    'A001.1': ('_GoBack',),
    'A001.2': ('_Toc',),
    'A001.3': ('_Hlk',),
    'A001.4': ('MERGEFORMAT',),
    'A001.5': ('未定义书签', '未找到引用源', '文档中没有指定样式的文字', '不能从编辑域代码创建对象'),
    'A001.6': ('Bookmark not defined', 'Reference source not found'),
    'A001.7': ('HYPERLINK', 'PAGEREF', 'REF', 'TOC', 'SEQ', 'PAGE', 'NUMPAGES', 'FORMTEXT', 'INCLUDEPICTURE'),
    'A001.8': ('HYPERLINK', 'PAGEREF', 'INCLUDEPICTURE'),
    'A001.9': ('nbsp', 'amp', 'lt', 'gt', 'quot', 'ldquo', 'rdquo', 'mdash', 'hellip'),
    'A001.10': ('<',),
    'A001.11': ('�',),
    'A001.12': ('<!', '!support', '[endif]'),
    'A002.0': ('XX', 'xx', 'XXX', 'ＸＸ'),
    'A002.1': ('×', '＊', '*'),
    'A002.2': ('〇〇', '○○', '□□', '■■'),
    'A002.3': ('＿', '_'),
    'A002.4': ('待填', '待补', '待定', '待核', '待确认', '填写', '请填写', '此处'),
    'A002.5': ('待填', '待补', '待定', 'TODO', 'TBD'),
    'A002.6': ('19', '20'),
    'A002.7': ('TODO', 'TBD', 'FIXME'),
    'A002.8': ('待填', '待补', '待定', '待核实', '待确认'),
    'A003.0': ('填写', '填报', '填入', '说明', '注明', '列明', '写明', '根据实际', '按实际', '如实'),
    'A003.1': ('填写说明', '填报说明', '编写说明', '注：本表', '模板说明'),
    'A003.2': ('实际',),
    'A003.3': ('示例', '样例', '范例'),
    'A003.4': ('名称',),
    'F001.0': (',', ';', '?', '!'),
    'F001.1': ('(',),
    'F001.2': (':',),
    'S008.0': ('收费',),
    'T020.0': ('部分公开',),
    'T020.1': ('申请',),
    'T020.2': ('上年',),
    'T020.3': ('结转',),
    'T020.4': ('结转',),
    'T020.5': ('办结', '办理完毕', '答复'),
    'T020.6': ('予以公开', '同意公开'),
    'T020.7': ('部分公开',),
    'T020.8': ('不予公开',),
    'T020.9': ('无法提供',),
    'T020.10': ('不予处理',),
    'T020.11': ('其他处理',),
    'T020.12': ('行政诉讼',),
    'T020.13': ('行政复议',),
    'T020.14': ('行政规范性文件',),
    'T020.15': ('行政规范性文件',),
    'T020.16': ('行政规范性文件',),
    'T020.17': ('规章',),
    'T020.18': ('现行有效',),
    'T020.19': ('规范性文件',),
    'T020.20': ('规范性文件',),
    'T023.0': ('主动公开',),
    'T023.1': ('规范性文件',),
    'T023.2': ('政府信息公开', '信息公开', '依申请公开'),
    'T023.3': ('当面',),
    'T023.4': ('申请',),
    'T023.5': ('信函',),
    'T023.6': ('传真',),
    'T023.7': ('按时办结',),
    'T023.8': ('延期',),
    'T023.9': ('办结', '办理完毕'),
    'T023.10': ('答复',),
    'T023.11': ('属于已主动公开',),
    'T023.12': ('部分公开',),
    'T023.13': ('不同意公开', '不予公开'),
    'T023.14': ('同意公开',),
    'T023.15': ('不属于本', '非本机关政府信息', '非本机关掌握'),
    'T023.16': ('信息不存在',),
    'T023.17': ('作出更改补充',),
    'T023.18': ('通过其他途径办理',),
    'T023.19': ('行政诉讼',),
    'T023.20': ('行政复议',),
    'T023.21': ('举报',),
}


def _sources() -> dict[str, str]:
    found = {}
    for path in sorted(builtin_rules_dir().glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        params = data.get("params", {})
        patterns = list(params.get("patterns", [])) if data["kind"] == "pattern" else []
        patterns += [CountPhrase(e["pattern"]).source for e in params.get("counts", [])]
        found.update({f"{data['code']}.{i}": p for i, p in enumerate(patterns)})
    return found


def test_required_literals_of_the_builtin_patterns_unchanged() -> None:
    sources = _sources()
    assert sources.keys() == PINNED.keys()
    lazy._alternatives.cache_clear()
    cold = {key: lazy.required_literals(p) for key, p in sources.items()}
    warm = {key: lazy.required_literals(p) for key, p in reversed(sources.items())}
    assert cold == PINNED
    assert warm == PINNED
