"""The worker's home page, "My work": their own caseload (`mine`, found once for the page), what is due this
week (`due`), new words from young people and families (`words`), low check-ins and the feedback about them
they may read (`alerts`); `views` shows them."""
