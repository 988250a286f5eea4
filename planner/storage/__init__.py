"""SQLite storage through sqlite-utils: opening, migrations, one repository per aggregate."""
