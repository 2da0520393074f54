"""Static pages people open without SQL: the provincial dashboard and the review page of open and waived issues.

Both are single HTML files with their charts drawn as inline SVG and their sorting and filtering in inline script:
nothing is fetched, so they work offline and from a file share.
"""
