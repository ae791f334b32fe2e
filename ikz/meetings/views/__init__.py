"""The meeting pages: ``sittings`` (regions, bodies, meetings, agenda, minutes), ``papers`` (draft
resolutions and the open actions), ``oparl`` (the public OParl 1.1 export)."""
