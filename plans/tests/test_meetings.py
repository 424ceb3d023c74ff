

def test_a_page_that_prompts_a_my_safety_plan_meeting_opens_the_form_with_it_chosen(client_for, key_worker, case):
    from django.urls import reverse

    url = reverse("plans:meeting-new", args=[case.pk])
    page = " ".join(client_for(key_worker).get(f"{url}?kind=safety").content.decode().split())
    assert 'value="safety" checked="checked"' in page
    page = " ".join(client_for(key_worker).get(f"{url}?kind=<b>party</b>").content.decode().split())
    assert 'checked="checked"' not in page and "<b>party</b>" not in page
