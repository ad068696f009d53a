# The owner question for OPA's REST API (tests/bench/serve_load.py): who owns input.task, and
# what role each level has in it, from data qingdan's answers were exported to:
#   data.tasks[ID] = {"owner": LEVEL or null, "roles": {LEVEL: "owns" | "self_governs" | ...}}
# Asked with POST /v1/data/qingdan/answer {"input": {"task": ID}}.
package qingdan

answer := {"owner": task.owner, "roles": task.roles} if {
	task := data.tasks[input.task]
}
