"""Demo cases: the three personas of the co-design report, and one case of another team."""

from accounts.models import User

from . import services
from .models import Case


def _case(name: str, key_worker: User) -> Case:
    case = Case.objects.filter(team=key_worker.team, young_person_name=name).first()
    if case is None:
        return services.case_create(young_person_name=name, team=key_worker.team, key_worker=key_worker, by=None)
    if case.key_worker_id != key_worker.pk:
        services.case_allocate(case=case, worker=key_worker, by=None)
    return case


def seed(people: dict[str, User]) -> dict[str, Case]:
    cases = {
        "destiny": _case("Destiny", people["worker"]),
        "emily": _case("Emily", people["worker"]),
        "lily": _case("Lily", people["worker2"]),
        "jordan": _case("Jordan", people["outsider"]),
    }
    services.case_add_partner(case=cases["destiny"], partner=people["partner"], contribute=True, by=None)
    return cases
