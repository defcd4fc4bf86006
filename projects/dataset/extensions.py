"""What later apps add to the synthetic country, without projects importing them.

An installed app after projects (funding: the contracts, disbursements, acceptances and
settlements of the đề án carried out) joins the generator with a `dataset` module that defines:

- `write_generated(rows, *, summary)`: called once for each batch of đề án just written, inside
  the generator's transaction, with `rows` a list of (Project, ProjectMoney); it writes its own
  records in bulk, deterministically (from the rows alone), and counts them with
  `summary.add(...)`;
- `delete_generated(*, project_ids)`: called inside `delete_generated`'s transaction before
  projects deletes anything, with a subquery of the generated đề án's ids; it deletes its rows
  that point at them (bulk.delete_rows).

Apps are asked in INSTALLED_APPS order, the way seed_demo finds each app's `demo` module.
"""

from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.utils.module_loading import module_has_submodule

DATASET_MODULE = "dataset"


def dataset_writers() -> list[ModuleType]:
    """The `dataset` modules of the installed apps other than projects, in INSTALLED_APPS order."""
    writers = []
    for config in apps.get_app_configs():
        if config.name == "projects" or not module_has_submodule(config.module, DATASET_MODULE):
            continue
        writers.append(import_module(f"{config.name}.{DATASET_MODULE}"))
    return writers
