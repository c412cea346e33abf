"""The Profiles tab: profiles, their checklists and scores, and the consistency matrix."""
