"""Review and edit a round's draft timetable: views by venue, trainer, commune and topic; edits."""
