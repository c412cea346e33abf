"""smoplanner's own preferences (recent plans, window geometry, autosave), kept as JSON in the config folder."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from smoplanner.paths import cache_dir, config_dir

MAX_RECENT = 10


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


@dataclass
class AppSettings:
    recent: list[str] = field(default_factory=list)
    geometry: str = ""
    window_state: str = ""
    autosave: bool = True
    last_folder: str = ""

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> AppSettings:
        try:
            raw = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {k: raw[k] for k in cls.__dataclass_fields__ if k in raw}
        try:
            settings = cls(**known)
        except TypeError:
            return cls()
        settings.recent = [str(p) for p in settings.recent if isinstance(p, str)][:MAX_RECENT]
        return settings

    def save(self) -> None:
        path = self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        os.replace(tmp, path)

    def add_recent(self, plan_path: Path) -> None:
        text = str(plan_path)
        self.recent = [text] + [p for p in self.recent if p != text]
        del self.recent[MAX_RECENT:]
        if not _inside(plan_path, cache_dir()):  # the sample plan lives in smoplanner's own folder
            self.last_folder = str(plan_path.parent)

    def remove_recent(self, plan_path: Path) -> None:
        self.recent = [p for p in self.recent if p != str(plan_path)]
