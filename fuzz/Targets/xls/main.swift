import FuzzHarness
import FuzzSupport

FuzzDriver.run(.xls)
