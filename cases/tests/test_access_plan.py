"""The policy answers fast at any size: which cases a person may see is found through indexes, never by
reading other teams' cases. Checked on the plan PostgreSQL makes, with the team of the tests beside other
teams grown to 20,000 cases."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.db import connection

from accounts.tests.factories import TeamFactory
from cases import access
from cases.models import Case, CaseUserObjectPermission
from cases.tests.factories import CaseFactory

OTHER_CASES = 20_000

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")


def copies(model, template_pk: int, count: int, cursor) -> None:
    """`count` copies of one row, made by the database itself (generate_series): a second, not minutes.
    The columns come from the model, so a new field needs nothing here."""
    table = model._meta.db_table
    columns = ", ".join(f'"{f.column}"' for f in model._meta.concrete_fields if not f.primary_key)
    cursor.execute(
        f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table}, generate_series(1, %s) WHERE id = %s",
        [count, template_pk],
    )


def grow_other_teams(teams: int = 4) -> None:
    """OTHER_CASES cases in other teams, each with its key worker's view and change grants."""
    perms = Permission.objects.filter(content_type__app_label="cases", codename__in=[access.VIEW, access.CHANGE])
    grants = CaseUserObjectPermission._meta.db_table
    with connection.cursor() as cursor:
        for number in range(teams):
            team = TeamFactory.create(name=f"ACT Borough {number}")
            template = CaseFactory.create(team=team)
            copies(Case, template.pk, OTHER_CASES // teams - 1, cursor)
            for perm in perms:
                cursor.execute(
                    f"INSERT INTO {grants} (content_object_id, user_id, permission_id) "
                    f"SELECT id, key_worker_id, %s FROM {Case._meta.db_table} WHERE team_id = %s AND id <> %s",
                    [perm.pk, team.pk, template.pk],
                )
        cursor.execute("ANALYZE")
    assert Case.objects.exclude(team__name="ACT Rochdale").count() == OTHER_CASES


def plan_nodes(queryset) -> list[dict]:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    nodes, todo = [], [plan[0]["Plan"]]
    while todo:
        node = todo.pop()
        nodes.append(node)
        todo.extend(node.get("Plans", []))
    return nodes


@pytest.mark.django_db
def test_which_cases_a_person_sees_is_found_through_indexes(case, key_worker, manager, partner_with_grant):
    grow_other_teams()
    for person in (key_worker, manager, partner_with_grant):
        nodes = plan_nodes(access.visible_cases(person))
        scanned = [n["Relation Name"] for n in nodes if n["Node Type"] == "Seq Scan"]
        assert not {"cases_case", "cases_caseuserobjectpermission"} & set(scanned), (person.username, scanned)
        assert any("Index" in n["Node Type"] for n in nodes), person.username
        # And the answer is still right.
        assert list(access.visible_cases(person)) == [case]
