"""The HTTP API over a store filled by the real pipeline (demo articles plus a hostile one)."""
from __future__ import annotations

import csv
import io
import json

import pytest



def stored(client, table="incidents") -> int:
    """How many rows the pipeline stored (the API must agree before any review)."""
    with client.app.state.database.reading() as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def incidents(client, **query):
    response = client.get("/api/incidents", params={"limit": 1000, **query})
    assert response.status_code == 200, response.text
    return response.json()


def test_lists_every_incident_with_paging_and_sorting(client):
    everything = incidents(client)
    total = stored(client)
    assert total >= 12 and everything["total"] == total and len(everything["items"]) == total
    dates = [row["event_date"] for row in everything["items"]]
    assert dates == sorted(dates, reverse=True)
    first_page = incidents(client, limit=5, offset=0, sort="fatalities", order="desc")
    second_page = incidents(client, limit=5, offset=5, sort="fatalities", order="desc")
    assert first_page["total"] == total and len(first_page["items"]) == 5
    assert {r["incident_id"] for r in first_page["items"]}.isdisjoint({r["incident_id"] for r in second_page["items"]})
    assert first_page["items"][0]["fatalities"] == max(r["fatalities"] for r in everything["items"])
    assert client.get("/api/incidents", params={"sort": "evidence"}).status_code == 422


@pytest.mark.parametrize("query, check", [
    ({"event_type": "Protests"}, lambda r: r["event_type"] == "Protests"),
    ({"date_from": "2024-01-01", "date_to": "2024-03-31"}, lambda r: "2024-01-01" <= r["event_date"] <= "2024-03-31"),
    ({"bbox": "28,-3,31,0"}, lambda r: 28 <= r["longitude"] <= 31 and -3 <= r["latitude"] <= 0),
    ({"country": "Nigeria"}, lambda r: r["country"] == "Nigeria"),
    ({"country": "NGA"}, lambda r: r["country"] == "Nigeria"),
    ({"fatalities_min": 5}, lambda r: r["fatalities"] >= 5),
    ({"actor": "shabaab"}, lambda r: "Shabaab" in r["actor1"] + r["actor2"]),
    ({"q": "Kampala"}, lambda r: r["location"] == "Kampala"),
])
def test_filters_narrow_the_list(client, query, check):
    found = incidents(client, **query)
    assert 0 < found["total"] < stored(client)
    assert all(check(row) for row in found["items"]), found["items"]


def test_events_list_has_one_row_per_report(client):
    body = client.get("/api/events", params={"limit": 100}).json()
    assert body["total"] == stored(client, "events") and all(row["event_id"] and row["article_id"] for row in body["items"])


def test_incident_has_its_articles_and_evidence_spans_into_their_text(client):
    some = [i for i in incidents(client, q="Kwatarkwashi", date_to="2024-06-30")["items"] if i["event_type"]][0]
    detail = client.get(f"/api/incidents/{some['incident_id']}").json()
    assert detail["incident"]["incident_id"] == some["incident_id"]
    article = detail["articles"][0]
    assert article["title"] and article["text"] and article["evidence"]
    for span in article["evidence"]:
        assert article["text"][span["start"]:span["end"]] == span["text"]
    assert {"event_type", "fatalities"} <= {span["field"] for span in article["evidence"]}
    assert detail["incident"]["sources"][0]["article_id"] == article["id"]
    assert client.get("/api/incidents/nope").status_code == 404


def test_article_text_comes_back_verbatim_as_json_text(client, hostile_text):
    hostile = incidents(client, q="Kwatarkwashi", date_from="2024-07-01")["items"][0]
    detail = client.get(f"/api/incidents/{hostile['incident_id']}").json()
    assert detail["articles"][0]["text"] == hostile_text
    assert "<script>" in detail["articles"][0]["text"]


def test_timeline_and_map_cover_the_same_incidents(client):
    timeline = client.get("/api/timeline").json()
    assert timeline["unit"] in ("day", "week") and sum(b[2] for b in timeline["bins"]) == stored(client)
    layer = client.get("/api/map").json()
    assert layer["mode"] == "points" and layer["count"] == len(layer["points"]) == stored(client)
    narrowed = client.get("/api/timeline", params={"event_type": "Riots"}).json()
    assert {b[1] for b in narrowed["bins"]} == {"Riots"}


def test_writes_need_the_token(client, auth):
    event_id = client.get("/api/events").json()["items"][0]["event_id"]
    body = {"action": "confirm", "who": "ana"}
    missing = client.post(f"/api/events/{event_id}/review", json=body)
    assert missing.status_code == 401 and "token" in missing.json()["detail"]
    wrong = client.post(f"/api/events/{event_id}/review", json=body, headers={"authorization": "Bearer guess"})
    assert wrong.status_code == 401
    assert client.post("/api/articles", json={"articles": [{"text": "x"}]}).status_code == 401
    assert client.post(f"/api/events/{event_id}/review", json=body, headers=auth).status_code == 200


def test_large_bodies_are_refused_with_a_clear_error(client, auth):
    big = {"articles": [{"text": "word " * 20_000}]}  # 100 kB, over the 64 kB limit of the fixture
    declared = client.post("/api/articles", json=big, headers=auth)
    assert declared.status_code == 413
    assert "limit is 65536 bytes" in declared.json()["detail"]

    def chunks():  # no Content-Length: the body streams past the limit
        for _ in range(20):
            yield b"x" * 8192

    streamed = client.post("/api/articles", content=chunks(), headers={**auth, "content-type": "application/json"})
    assert streamed.status_code == 413 and "limit" in streamed.json()["detail"]


def test_an_edit_is_kept_with_who_when_before_and_after_and_shapes_the_incident(client, auth):
    row = incidents(client, q="Konna")["items"][0]
    detail = client.get(f"/api/incidents/{row['incident_id']}").json()
    event = detail["events"][0]
    response = client.post(f"/api/events/{event['event_id']}/review", headers=auth, json={
        "action": "edit", "who": "Ana Analyst", "changes": {"fatalities": 40, "sub_event_type": "Armed clash"},
        "note": "second source says 40"})
    assert response.status_code == 200, response.text
    assert response.json()["fatalities"] == 40 and response.json()["review_status"] == "edited"
    after = client.get(f"/api/incidents/{row['incident_id']}").json()
    assert after["incident"]["fatalities"] == 40
    assert "fatalities" in after["incident"]["reviewed_fields"]
    (entry,) = after["history"]
    assert entry["who"] == "Ana Analyst" and entry["action"] == "edit" and entry["made_at"]
    assert entry["before"]["fatalities"] == event["fatalities"] and entry["after"]["fatalities"] == 40
    assert entry["note"] == "second source says 40"


def test_bad_edits_are_refused_with_the_reason(client, auth):
    event_id = client.get("/api/events").json()["items"][0]["event_id"]
    for changes, words in [({"sub_event_type": "Looting"}, "not an ACLED sub-event type"),
                           ({"event_type": "Battles", "sub_event_type": "Arrests"}, "belongs to"),
                           ({"fatalities": -1}, "whole number"), ({"evidence": []}, "cannot be edited"),
                           ({"event_date": "yesterday"}, "YYYY-MM-DD")]:
        response = client.post(f"/api/events/{event_id}/review", headers=auth,
                               json={"action": "edit", "who": "ana", "changes": changes})
        assert response.status_code == 422 and words in response.json()["detail"], (changes, response.text)


def test_rejected_incidents_leave_the_list_and_exports_but_stay_findable(client, auth):
    row = incidents(client, q="Conakry")["items"][0]
    response = client.post(f"/api/incidents/{row['incident_id']}/review", headers=auth,
                           json={"action": "reject", "who": "ana"})
    assert response.json()["review_status"] == "rejected"
    total = stored(client)
    assert incidents(client)["total"] == total - 1
    assert incidents(client, include_rejected=True)["total"] == total
    assert incidents(client, review_status="rejected")["items"][0]["incident_id"] == row["incident_id"]
    exported = client.get("/api/export/incidents.csv").text
    assert row["incident_id"] not in exported
    client.post(f"/api/incidents/{row['incident_id']}/review", headers=auth, json={"action": "reopen", "who": "ana"})
    assert incidents(client)["total"] == total


def test_merge_and_split_incidents(client, auth):
    rows = incidents(client, q="Sake")["items"]
    assert len(rows) == 2
    target, other = rows[0]["incident_id"], rows[1]["incident_id"]
    merged = client.post(f"/api/incidents/{target}/merge", headers=auth, json={"others": [other], "who": "bo"})
    assert merged.status_code == 200, merged.text
    total = stored(client)
    assert incidents(client)["total"] == total - 1
    detail = client.get(f"/api/incidents/{target}").json()
    assert len(detail["events"]) == 2 and "sources" in detail["incident"]["reviewed_fields"]
    moved = detail["events"][1]["event_id"]
    split = client.post(f"/api/incidents/{target}/split", headers=auth, json={"event_ids": [moved], "who": "bo"})
    assert split.status_code == 200, split.text
    new_id = split.json()["incident_id"]
    assert new_id != target and incidents(client)["total"] == total
    assert [e["event_id"] for e in client.get(f"/api/incidents/{new_id}").json()["events"]] == [moved]
    refused = client.post(f"/api/incidents/{new_id}/split", headers=auth, json={"event_ids": [moved], "who": "bo"})
    assert refused.status_code == 422 and "leave one" in refused.json()["detail"]
    actions = [h["action"] for h in client.get("/api/reviews", params={"target_id": target}).json()]
    assert actions == ["merge", "split"]


def test_exports_use_reviewed_values_and_say_which(client, auth):
    row = incidents(client, q="Peshawar")["items"][0]
    client.post(f"/api/incidents/{row['incident_id']}/review", headers=auth,
                json={"action": "edit", "who": "ana", "changes": {"fatalities": 2, "location": "Peshawar city"}})
    response = client.get("/api/export/incidents.csv", params={"country": "Pakistan"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    records = list(csv.DictReader(io.StringIO(response.text)))
    (record,) = [r for r in records if r["incident_id"] == row["incident_id"]]
    assert record["fatalities"] == "2" and record["location"] == "Peshawar city"
    assert record["review_status"] == "edited" and record["reviewed_fields"] == "fatalities,location"
    assert record["reviewed_by"] == "ana"
    assert list(records[0])[:3] == ["event_id", "article_id", "event_date"]
    geojson = client.get("/api/export/incidents.geojson").json()
    props = {f["properties"]["incident_id"]: f["properties"] for f in geojson["features"]}
    assert props[row["incident_id"]]["review_status"] == "edited" and len(props) == stored(client)
    unreviewed = [r for r in records if r["incident_id"] != row["incident_id"]]
    assert all(r["review_status"] == "unreviewed" for r in unreviewed)


def test_ingest_by_post_adds_articles(client, auth):
    text = ("Protesters marched through Kampala on Tuesday demanding lower fuel prices, "
            "and police fired tear gas to disperse them, witnesses said.")
    response = client.post("/api/articles", headers=auth, json={"articles": [
        {"text": text, "title": "Fuel protest", "published": "2024-08-14", "source": "Test Wire"}]})
    assert response.status_code == 200, response.text
    assert response.json()["stored"] == 1 and response.json()["events"] >= 1
    again = client.post("/api/articles", headers=auth, json={"articles": [{"text": text, "published": "2024-08-14"}]})
    assert again.json()["already_stored"] == 1
    assert client.get("/api/events", params={"date_from": "2024-08-01"}).json()["total"] >= 1


def has_table(client, name: str) -> bool:
    with client.app.state.database.reading() as con:
        return con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                           [name]).fetchone()[0] > 0


def test_control_as_of_a_date_from_the_incidents_stage(client):
    if not has_table(client, "control_changes"):
        pytest.skip("this store has no control timeline (the incidents stage's control_changes)")
    # the demo's Konna article: JNIM overtakes the town on 2023-10-07
    after = client.get("/api/control", params={"as_of": "2023-10-08"}).json()
    assert after["available"]
    held = {f["properties"]["place"]: f["properties"]["holder"] for f in after["features"]}
    assert "JNIM" in held.get("Konna", ""), held
    assert all(f["geometry"]["type"] == "Point" for f in after["features"])
    before = client.get("/api/control", params={"as_of": "2023-10-01"}).json()
    assert "Konna" not in {f["properties"]["place"] for f in before["features"]}


def test_control_from_a_plain_table_or_none(client):
    with client.app.state.database.writing() as con:
        con.execute("DROP TABLE IF EXISTS control_changes")  # only the fallbacks are tested here
    body = client.get("/api/control", params={"as_of": "2017-10-21"}).json()
    assert body["available"] is False and body["features"] == []
    with client.app.state.database.writing() as con:
        con.execute("CREATE TABLE control (location VARCHAR, latitude DOUBLE, longitude DOUBLE, actor VARCHAR, "
                    "date_from DATE, date_to DATE)")
        con.execute("INSERT INTO control VALUES ('Altun Kupri', 35.75, 44.14, 'Peshmerga', '2014-06-01', '2017-10-19'), "
                    "('Altun Kupri', 35.75, 44.14, 'Military Forces of Iraq', '2017-10-20', NULL)")
    after = client.get("/api/control", params={"as_of": "2017-10-21"}).json()
    assert after["available"] and [f["properties"]["holder"] for f in after["features"]] == ["Military Forces of Iraq"]
    before = client.get("/api/control", params={"as_of": "2016-01-01"}).json()
    assert [f["properties"]["holder"] for f in before["features"]] == ["Peshmerga"]


def test_page_schema_and_headers(client):
    page = client.get("/")
    assert page.status_code == 200 and "<div id=\"map\"" in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert page.headers["x-content-type-options"] == "nosniff"
    schema = client.get("/openapi.json").json()
    assert {"/api/incidents", "/api/incidents/{incident_id}", "/api/control", "/api/articles"} <= set(schema["paths"])
    assert client.get("/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/vendor/markercluster/leaflet.markercluster.js").status_code == 200
    assert client.get("/static/main.js").status_code == 200
    outlines = client.get("/api/basemap/countries.geojson").json()
    names = {f["properties"]["name"] for f in outlines["features"]}
    assert len(outlines["features"]) > 200 and {"Nigeria", "Iraq"} <= names
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
