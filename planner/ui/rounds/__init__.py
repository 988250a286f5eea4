"""The 报送轮次 view: start a round, each unit's reply, the 催报 list (issue 20)."""
