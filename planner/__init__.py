"""Policy implementation planner: break a policy document into a tracked local plan."""

APP_NAME = "政策落实台账"
APP_ID = "policy-planner"
ORG_NAME = "policy-planner"
