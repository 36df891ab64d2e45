import unittest

suite = unittest.TestSuite()
runner = unittest.TextTestRunner()
runner.run(suite)
