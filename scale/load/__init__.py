"""The load test (`make load`, `make load-cases`) and the fault test (`make load-faults`): simulated people
(locust) against the service served by gunicorn on 127.0.0.1, with the times per kind of page printed at the
end. `python -m scale.load --help` says what each does; the README says how to run them."""
