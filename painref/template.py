"""The procedure page template: its sections, in order, by heading id.

The At a glance box is rendered by the build; the others are written on
each page as `## Heading {#id}`. "Common questions" (from the FAQ) is
generated between "questions-to-ask" and "for-clinicians" when a page has
any.
"""

PROCEDURE_SECTIONS = [
    "at-a-glance",
    "what-it-is",
    "who-it-may-help",
    "who-should-not-have-it",
    "how-to-prepare",
    "during-the-procedure",
    "after-the-procedure",
    "how-well-it-works",
    "risks",
    "when-to-get-urgent-help",
    "questions-to-ask",
    "for-clinicians",
    "references",
]
GENERATED_SECTIONS = {"common-questions"}

# Written for patients and families, so held to the reading-grade limit;
# "For clinicians" and "References" may be technical.
PLAIN_SECTIONS = PROCEDURE_SECTIONS[
    PROCEDURE_SECTIONS.index("what-it-is") : PROCEDURE_SECTIONS.index("questions-to-ask") + 1
]
