"""The standard Jupyter kernel conformance suite (jupyter_kernel_test) on the mtl4j kernel.

Run with JUPYTER_PATH pointing at a share/jupyter folder holding the mtl4j kernelspec.
"""
import unittest

import jupyter_kernel_test


class Mtl4jKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "mtl4j"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'

    completion_samples = [
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
        {"text": "multiT", "matches": {"multiTask()"}},
        {"text": "%cla", "matches": {"classpath"}},
    ]
    complete_code_samples = ["1 + 1", "int x = 1;", "for (int i = 0; i < 3; i++) {}"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "class A {", "int y = "]
    invalid_code_samples = ["int x = ;", "}"]

    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"mtl" + 4 + "j"', "result": "mtl4j"},
        {"code": "List.of(1, 2)", "result": "[1, 2]"},
    ]
    code_display_data = [
        {"code": 'display("<b>hi</b>", "text/html");', "mime": "text/html"},
        {"code": "display(Charts.loss(TrainingHistory.empty(List.of(\"a\"))));",
         "mime": "image/png"},
    ]
    code_history_pattern = "6 ?*"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.abs"
    code_clear_output = 'System.out.println("gone"); clearOutput();'


if __name__ == "__main__":
    unittest.main()
