"""`sitrep eval acled` and `sitrep eval quiet`: accuracy against ACLED gold and on ordinary news."""
from __future__ import annotations

import json
import sys
from itertools import islice
from pathlib import Path

import click


def _progress_for(quiet: bool):
    from sitrep.cli import progress_for  # imported late: sitrep.cli imports this module

    return progress_for(quiet, unit="note")


def register(main: click.Group, evaluate: click.Group) -> None:
    @evaluate.command("acled")
    @click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False))
    @click.option("--split", type=click.Choice(["test", "train", "dev", "all"]), default="test", show_default=True,
                  help="Which part of the 2020 extract to score (the 2015 extract is train only). "
                       "dev is the fifth of train that `sitrep train --hold-dev` leaves out.")
    @click.option("--limit", type=int, default=0, help="At most this many notes per file.")
    @click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write the full report here.")
    @click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
    def eval_acled(paths, split, limit, json_path, quiet):
        """Run the pipeline on ACLED notes and score every field against the gold columns.

        The 2020 extract is split by a hash of event_id_cnty: one event in five is the held-out test
        part, never used for tuning. PATHS default to ../shared/data/acled-2020-global/acled.csv.

        \b
        Examples:
          sitrep eval acled
          sitrep eval acled ../shared/data/acled-2015-asia/acled.csv --split all --limit 1000
          sitrep eval acled --split test --json acled-test.json

        To choose a threshold or a rule without looking at the test part, fit on four fifths of
        the train part and score the fifth left out:

        \b
          sitrep train --hold-dev /tmp/dev/model.joblib   # prints the settings to use
          SITREP_EVENT_MODEL=/tmp/dev/model.joblib ... sitrep eval acled --split dev
        """
        import os

        from sitrep.evaluate.acled import evaluate as run, format_summary, in_split, read_acled
        from sitrep.evaluate.corpora import shared_dir

        if not paths:
            shared = shared_dir()
            if shared is None:
                click.echo("sitrep: error: ../shared not found; name an ACLED CSV", err=True)
                sys.exit(3)
            paths = (str(shared / "data/acled-2020-global/acled.csv"),)
        if split == "dev" and not os.environ.get("SITREP_EVENT_MODEL"):
            click.echo("sitrep: warning: the shipped models were trained on the dev fifth too; "
                       "run `sitrep train --hold-dev FILE` and set the variables it prints", err=True)
        reports = {}
        for path in paths:
            gold = [g for g in read_acled(Path(path)) if in_split(g, split)]
            if limit:
                gold = list(islice(gold, limit))
            if not gold:
                click.echo(f"sitrep: skipped {path}: no notes in the {split} part", err=True)
                continue
            summary = run(gold, progress=_progress_for(quiet)).summary()
            reports[path] = summary
            for line in format_summary(summary, f"{path} [{split}]"):
                click.echo(line)
        if json_path:
            Path(json_path).write_text(json.dumps(reports, indent=1), encoding="utf-8")
            click.echo(f"full report written to {json_path}", err=True)
        sys.exit(0 if reports else 3)

    @main.command("train")
    @click.option("--aliases/--no-aliases", default=True, help="Also learn actor phrases from the train notes.")
    @click.option("--hold-dev", type=click.Path(dir_okay=False), default=None,
                  help="Fit without a dev fifth of the train part and write the model here instead (for choosing thresholds).")
    def train(aliases, hold_dev):
        """Learn the event-type models, places, actors and word rarity from ../shared; writes them into the package.

        Reads the train part of the 2020 ACLED extract, the 2015 extract, and GeoVirus/GeoWebNews as text
        with no conflict events. Never reads the 2020 test part or TR-News.

        \b
        Example:
          sitrep train
        """
        from importlib import resources

        from sitrep.evaluate.corpora import shared_dir
        from sitrep.evaluate.train import (
            learn_actor_phrases, learn_admin1_names, learn_country_cues, learn_default_actors, learn_opponents, learn_place_actors, learn_places,
            learn_readings, learn_word_rarity, train_models,
        )

        shared = shared_dir()
        if shared is None:
            click.echo("sitrep: error: ../shared not found; training needs its data", err=True)
            sys.exit(3)

        def package_file(package: str, *parts: str) -> Path:
            return Path(str(resources.files(package))).joinpath(*parts)

        # tables learned beside the models: where the package keeps each, and for --hold-dev the
        # suffix of its file and the variable that selects it
        learned_tables = [
            (learn_places, package_file("sitrep.geo", "data", "learned_places.tsv"),
             ".places.tsv", "SITREP_LEARNED_PLACES"),
            (learn_readings, package_file("sitrep.geo", "data", "learned_readings.tsv"),
             ".readings.tsv", "SITREP_LEARNED_READINGS"),
            (learn_country_cues, package_file("sitrep.geo", "data", "learned_country_cues.tsv"),
             ".country_cues.tsv", "SITREP_LEARNED_COUNTRY_CUES"),
            (learn_admin1_names, package_file("sitrep.geo", "data", "learned_admin1_names.tsv"),
             ".admin1_names.tsv", "SITREP_LEARNED_ADMIN1_NAMES"),
            (learn_default_actors, package_file("sitrep.events", "data", "learned_default_actors.tsv"),
             ".default_actors.tsv", "SITREP_LEARNED_DEFAULT_ACTORS"),
            (learn_place_actors, package_file("sitrep.events", "data", "learned_place_actors.tsv"),
             ".place_actors.tsv", "SITREP_LEARNED_PLACE_ACTORS"),
            (learn_opponents, package_file("sitrep.events", "data", "learned_opponents.tsv"),
             ".opponents.tsv", "SITREP_LEARNED_OPPONENTS"),
        ]
        if hold_dev:
            for line in train_models(shared, Path(hold_dev), hold_dev=True):
                click.echo(line)
            settings = [f"SITREP_EVENT_MODEL={hold_dev}"]
            for learn, _, suffix, variable in learned_tables:
                path = Path(hold_dev).with_suffix(suffix)
                click.echo(learn(shared, path, hold_dev=True))
                settings.append(f"{variable}={path}")
            click.echo("evaluate it with " + " ".join(settings))
            return
        for line in train_models(shared, package_file("sitrep.events", "models", "event_type.joblib")):
            click.echo(line)
        for learn, path, _, _ in learned_tables:
            click.echo(learn(shared, path))
        click.echo(learn_word_rarity(shared, package_file("sitrep.incidents", "data", "word_rarity.tsv")))
        if aliases:
            for line in learn_actor_phrases(shared, package_file("sitrep.events", "data", "learned_actors.tsv")):
                click.echo(line)

    @evaluate.command("quiet")
    @click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write the full report here.")
    @click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
    def eval_quiet(json_path, quiet):
        """List every event sitrep emits on TR-News (ordinary news) and score it against sitrep's own labels.

        The labels (sitrep/evaluate/data/tr_news_labels.tsv) give, per article, the ACLED event types a
        coder would record and the fatalities; everything else sitrep emits is a false alarm.

        \b
        Example:
          sitrep eval quiet --json quiet.json
        """
        from sitrep.evaluate.quiet import format_quiet, run_quiet

        report = run_quiet(progress=_progress_for(quiet))
        if report is None:
            click.echo("sitrep: error: ../shared/data/geoparsing/TR-News.xml not found", err=True)
            sys.exit(3)
        for line in format_quiet(report):
            click.echo(line)
        if json_path:
            Path(json_path).write_text(json.dumps(report, indent=1), encoding="utf-8")
