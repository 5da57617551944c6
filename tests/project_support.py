"""A throwaway copy of the project, for tests that must edit what they build (never the real one)."""
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def copy_of_the_project(destination: Path) -> Path:
    """The package, data, pages, hooks and config copied; node_modules linked (read only)."""
    for folder in ("derivations", "data", "docs", "hooks"):
        shutil.copytree(ROOT / folder, destination / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "mkdocs.nav.yml"):
        shutil.copy(ROOT / name, destination / name)
    (destination / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return destination


def copy_of_the_site(project: Path) -> Path:
    """mkdocs.yml, its nav and docs/ copied; hooks/, derivations/ and data/ linked from the repository."""
    shutil.copytree(ROOT / "docs", project / "docs")
    for config in ("mkdocs.yml", "mkdocs.nav.yml"):
        shutil.copy(ROOT / config, project / config)
    for folder in ("hooks", "derivations", "data"):
        (project / folder).symlink_to(ROOT / folder, target_is_directory=True)
    return project
