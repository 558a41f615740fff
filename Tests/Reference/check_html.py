#!/usr/bin/env python3
"""Checks that an HTML report is well-formed and self-contained.

Usage: check_html.py FILE.html
Prints "ok <elements> <images>" or one line per problem and exits 1. Rules: a <!DOCTYPE html>,
every non-void element closed in order, no <script>, <link>, <iframe>, <object> or <embed>, and
no src/href/xlink:href/srcset/url() that reaches outside the file (only data: and #fragments).
"""
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
FORBIDDEN = {"script", "link", "iframe", "object", "embed", "base"}
URL_ATTRS = {"src", "href", "xlink:href", "srcset", "action", "poster", "data"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.elements = 0
        self.images = 0
        self.doctype = False

    def where(self):
        line, col = self.getpos()
        return f"line {line}, column {col + 1}"

    def check_attrs(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name in URL_ATTRS and value and not (value.startswith("data:") or value.startswith("#")):
                self.problems.append(f"{self.where()}: <{tag} {name}=\"{value[:60]}\"> reaches outside the page")
            if name == "style" and re.search(r"url\((?!\s*['\"]?(data:|#))", value):
                self.problems.append(f"{self.where()}: style url() reaches outside the page")
        if tag == "img":
            self.images += 1

    def handle_decl(self, decl):
        if decl.lower() == "doctype html":
            self.doctype = True

    def handle_starttag(self, tag, attrs):
        self.elements += 1
        if tag in FORBIDDEN:
            self.problems.append(f"{self.where()}: <{tag}> is not allowed in a self-contained report")
        self.check_attrs(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, self.where()))

    def handle_startendtag(self, tag, attrs):
        self.elements += 1
        if tag in FORBIDDEN:
            self.problems.append(f"{self.where()}: <{tag}> is not allowed in a self-contained report")
        self.check_attrs(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack:
            self.problems.append(f"{self.where()}: </{tag}> closes nothing")
            return
        open_tag, opened = self.stack.pop()
        if open_tag != tag:
            self.problems.append(f"{self.where()}: </{tag}> closes <{open_tag}> opened at {opened}")

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "style" and re.search(r"url\((?!\s*['\"]?(data:|#))|@import", data):
            self.problems.append(f"{self.where()}: stylesheet loads an outside resource")


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    checker = Checker()
    checker.feed(text)
    checker.close()
    if not checker.doctype:
        checker.problems.append("no <!DOCTYPE html>")
    for tag, opened in checker.stack:
        checker.problems.append(f"<{tag}> opened at {opened} is never closed")
    if checker.problems:
        print("\n".join(checker.problems))
        sys.exit(1)
    print(f"ok {checker.elements} {checker.images}")


if __name__ == "__main__":
    main()
