import FuzzHarness
import FuzzSupport

FuzzDriver.run(.csv)
