"""QA of new translations: the checks (``checks``), the term matcher (``termmatch``), reading
what is checked (``inputs``), running them (``run``) and the reports (``reports``).
"""
