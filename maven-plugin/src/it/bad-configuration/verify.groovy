// A bad setting is a clear one-line error, not a stack trace from lossfn.
def log = new File(basedir, 'build.log').text
assert log.contains("lossfn: failOn must be error, warning or note, not 'fatal'")
assert !log.contains('at dev.lossfn')
