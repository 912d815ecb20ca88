"""The tovholder's forms (ipywidgets): one screen per part of the meeting, saved as typed."""

from erfakit.ui.app import MeetingApp, open_meeting

__all__ = ["MeetingApp", "open_meeting"]
