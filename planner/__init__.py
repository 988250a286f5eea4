"""Policy implementation planner: break a policy document into a tracked local plan."""

APP_NAME = "政策落实台账"
# Qt derives the data folder from both: %APPDATA%\PolicyPlanner\planner on Windows.
APP_ID = "planner"
ORG_NAME = "PolicyPlanner"
