// failOn=error: a warning is printed but does not fail the build.
def log = new File(basedir, 'build.log').text
assert log.contains('scripts/train.py:5:12: LF102 [warning]')
assert log.contains('BUILD SUCCESS')
