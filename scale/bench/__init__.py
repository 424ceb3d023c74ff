"""`make bench`: how fast the service is at a council's size (the README says how to run it;
scale/bench/run.py is the whole run)."""
