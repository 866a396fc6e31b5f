"""Markup lives in templates: the count of HTML lines left in Python strings stays within its limit,
and the counter counts what it says it counts."""
from scripts.html_in_python import LIMIT, count, html_lines


def test_the_tree_keeps_html_out_of_python_strings():
    found = count()
    total = sum(len(lines) for lines in found.values())
    assert total <= LIMIT, {path: [row for row, _ in lines] for path, lines in found.items()}


def test_the_counter_counts_lines_of_html_in_strings_only():
    source = '''"""A docstring naming <form data-form> is prose."""
x = 1  # a comment with <p> is not a string
a = f'<p class="{x}">'
b = ("<ul>"
     "</ul>")
c = """
<div>
plain
</div>"""
d = "a < b and <w:p> and <Types xmlns=...>"
e = 'no tag'
'''
    assert [row for row, _ in html_lines(source)] == [3, 4, 5, 7, 9]
