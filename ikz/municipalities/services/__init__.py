"""State changes of municipalities and regions. Every function takes the actor and writes the audit log.

``masterdata`` holds edits made in the application; ``register`` imports the official register.
"""

from ikz.municipalities.services.boundaries import BoundaryError, BoundarySummary, import_boundaries
from ikz.municipalities.services.founding import NewRegion, create_region_from_register
from ikz.municipalities.services.masterdata import (
    MemberRow,
    SizeClassRow,
    SteeringRow,
    add_contact_person,
    create_organisation,
    create_region,
    member_errors,
    record_population,
    refresh_current_population,
    remove_contact_person,
    set_region_members,
    set_size_classes,
    set_steering_group,
    update_contact_person,
    update_master_data,
    update_region,
)
from ikz.municipalities.services.neighbours import (
    NeighbourSummary,
    compute_neighbours,
    compute_neighbours_from_file,
)
from ikz.municipalities.services.register import ImportSummary, import_register

__all__ = [
    "BoundaryError",
    "BoundarySummary",
    "ImportSummary",
    "MemberRow",
    "NeighbourSummary",
    "NewRegion",
    "SizeClassRow",
    "SteeringRow",
    "add_contact_person",
    "compute_neighbours",
    "compute_neighbours_from_file",
    "create_organisation",
    "create_region",
    "create_region_from_register",
    "import_boundaries",
    "import_register",
    "member_errors",
    "record_population",
    "refresh_current_population",
    "remove_contact_person",
    "set_region_members",
    "set_size_classes",
    "set_steering_group",
    "update_contact_person",
    "update_master_data",
    "update_region",
]
