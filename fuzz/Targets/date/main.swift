import FuzzHarness
import FuzzSupport

FuzzDriver.run(.date)
