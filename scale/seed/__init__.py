"""Building a service of Greater Manchester's size, fast: the rows the services would make, written in bulk
(`manage.py seed_scale`). Each module builds one part of the record from what the parts before it made:
people, cases, network (and from it the grants), timeline, assessments, plans and meetings, feedback, risk;
then the manifest (manifest.py) names whom to sign in as and what to open.

Decisions:
- Only into an empty, migrated PostgreSQL database. It never deletes: the audit's table refuses deletion,
  and a command that empties a database is one mistake away from emptying a real one. To seed again, drop
  and create the database, and migrate.
- Rows go in by COPY with ids reserved from each table's sequence (bulk.py): fast, and it lets the seed set
  the dates that `auto_now_add` would stamp with the time of the run. Nothing sends signals, so every row a
  signal or a service would add (each case's assessment, the grants) is made here explicitly, and
  scale/tests/test_seed.py proves the grants equal those of the services.
- No audit entries or notifications are made for the seeded history: they record what people did, and
  nobody did this. The few links in the manifest are made through the services, and audited.
"""
