// Python training scripts under the project are checked with the Java sources.
def log = new File(basedir, 'build.log').text
assert log.contains('scripts/train.py:6:12: LF101 [error]')
assert log.contains('in 2 file(s)')
