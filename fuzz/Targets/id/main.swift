import FuzzHarness
import FuzzSupport

FuzzDriver.run(.id)
