"""The worker's home page, "My work": their own caseload, what is due this week, new words from young people
and families, low check-ins and the feedback about them they may read (`queries` finds them, `views` shows
them)."""
