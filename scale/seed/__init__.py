"""Building a service of Greater Manchester's size, fast: the rows the services would make, written in bulk
(`manage.py seed_scale`). Each module builds one part of the record from what the parts before it made."""
