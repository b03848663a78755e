import FuzzHarness
import FuzzSupport

FuzzDriver.run(.xlsx)
