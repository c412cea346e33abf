"""Write a new Alembic revision from the difference between the models and the current file format.

    python tools/new_migration.py 0004_engagement "File format 4: engagement items and saved replies"

writes ``smoplanner/store/migrations/versions/0004_engagement.py``; read it and adjust it before use.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from smoplanner.store.migrate import HEAD_REVISION, upgrade_to


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="the new revision id, e.g. 0004_engagement")
    parser.add_argument("message", help="one line saying what the new file format adds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "head.smoplan"
        upgrade_to(path, HEAD_REVISION)  # an empty plan of the current format, to compare the models with
        engine = create_engine(f"sqlite:///{path}")
        try:
            with engine.connect() as conn:
                cfg = Config()
                cfg.set_main_option("script_location", "smoplanner.store:migrations")
                cfg.set_main_option("file_template", "%%(rev)s")
                cfg.attributes["connection"] = conn
                command.revision(cfg, message=args.message, autogenerate=True, rev_id=args.revision)
        finally:
            engine.dispose()


if __name__ == "__main__":
    main()
