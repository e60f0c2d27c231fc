# Start-up workload for the bytecode-cache measurement (benches/startup/pycache.py):
# imports 50 standard-library modules (and what they import in turn).
import os, sys, re, json, collections, functools, itertools, typing, dataclasses, enum
import argparse, logging, subprocess, threading, datetime, decimal, fractions, random, statistics, string
import textwrap, shutil, tempfile, pathlib, glob, fnmatch, csv, configparser, base64, hashlib
import heapq, bisect, copy, pprint, inspect, traceback, contextlib, abc, io, struct
import urllib.parse, email.message, http.client, html.parser, xml.etree.ElementTree, unittest, difflib, calendar, uuid, zipfile
print(len(sys.modules))
