import FuzzHarness
import FuzzSupport

FuzzDriver.run(.name)
