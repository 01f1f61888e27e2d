"""A test case sharing one mtl4j kernel (started through jupyter_client) across its tests."""
import unittest

from jupyter_client.manager import start_new_kernel


class SharedKernelTestCase(unittest.TestCase):
    timeout = 300

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name="mtl4j", startup_timeout=60)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def run_cell(self, code):
        """Runs code; returns the execute_reply content and the iopub messages it caused."""
        outputs = []
        reply = self.kc.execute_interactive(code, timeout=self.timeout,
                                            output_hook=outputs.append)
        return reply["content"], outputs

    @staticmethod
    def stream_text(outputs):
        return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")

    @staticmethod
    def result_text(outputs):
        results = [m["content"]["data"]["text/plain"] for m in outputs
                   if m["msg_type"] == "execute_result"]
        return results[0] if results else None
