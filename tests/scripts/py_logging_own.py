import logging
import sys

log = logging.getLogger("app.db")
log.info("not shown")
log.warning("last resort %s", "warning")
logging.basicConfig(level=logging.INFO, format="%(levelname)-8s %(name)s: %(message)s", stream=sys.stdout)
log.info("connected to %s:%d", "localhost", 5432)
log.debug("hidden")
logging.getLogger("app").setLevel(logging.DEBUG)
log.debug("now visible")
logging.warning("root warning")
try:
    1 / 0
except ZeroDivisionError:
    log.exception("failed")
print(log.getEffectiveLevel(), logging.getLevelName(logging.ERROR), log.isEnabledFor(logging.DEBUG), log.name)
