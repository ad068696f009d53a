"""The same question as owner_query.cpp, from Python: who owns mass PCR screening in 徐练村
during the April 2022 lockdown, and why."""

import datetime

import qingdan

book = qingdan.Rulebook.load("rules/shanghai-qingpu")
d = book.owner("核酸筛查", at=datetime.date(2022, 4, 15), jurisdiction="徐练村", mode="emergency")
if d.owner:
    print(d.owner.level, d.owner.department)
for level, role in d.roles.items():
    print(f"{level}: {role}")
for line in d.explain():
    print(line)
