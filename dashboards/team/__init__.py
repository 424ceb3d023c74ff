"""The manager's dashboard of their team."""
