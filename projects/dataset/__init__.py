"""A synthetic country for benchmarks: `manage.py generate_dataset --scale S --seed N`.

Scale 1 is the national picture the portal must hold: the 63 old units plan from 2014 to 2025,
the 34 units from 2026 (a year's province is the unit valid on 1 January), about 30.000 đề án and
60.000 establishments, with their budget lines, participations, outputs and history rows, and
(through funding's dataset writer, see extensions.py) the contracts, disbursements, acceptances
and settlements of the đề án carried out.

How it stays deterministic: every random draw comes from a `random.Random` seeded with a string
built from the seed and what is being drawn ("1:plan:legacy:94:2023"), never from the clock or
from dict order (draws.py). The national allocation (how many đề án each plan gets, how many
establishments each old province registers) is computed over every unit even when `--provinces`
limits what is written, so a limited run writes exactly its provinces' share of the national
country.

What it owns, and how it is recognised: users whose username starts with `gen.`, and every plan,
đề án and establishment created by one of them (`created_by`). Organisations are reference data:
existing ones (seed_demo's) are reused, missing ones created, and never deleted. The generator
refuses to run while generated data exists (`--reset` deletes it first, `--delete` only deletes);
province-years that already have a plan of someone else (seed_demo's Sóc Trăng 2023) are skipped
and reported.

Rows are written with bulk_create in batches inside one transaction, with their history rows
("created", by the province's generated centre staff, dated in the plan's year) written in bulk
by simple-history's bulk_create_with_history. `search_text` and `name_key` are computed here the
way the models' save() computes them, since bulk_create skips save(). Rows are born in the state
their history would have left them in (an approved plan of 2019, a settled đề án): no
transition is taken, so none is recorded.

The rooms: options.py (what is asked, what was written), draws.py (seeded randomness, names),
money.py, people.py, establishments.py, plans.py, projects.py (one noun each), generator.py
(the order and the transaction), deletion.py, extensions.py (the later apps' writers).
"""

from projects.dataset.deletion import delete_generated, generated_data_exists
from projects.dataset.generator import generate
from projects.dataset.options import CURRENT_YEAR, FIRST_YEAR, DatasetError, Options, Summary

__all__ = [
    "CURRENT_YEAR",
    "FIRST_YEAR",
    "DatasetError",
    "Options",
    "Summary",
    "delete_generated",
    "generate",
    "generated_data_exists",
]
