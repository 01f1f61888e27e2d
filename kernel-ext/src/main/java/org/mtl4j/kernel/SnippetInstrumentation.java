package org.mtl4j.kernel;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the classes JShell compiles from cells before they are loaded:
 *
 * <ul>
 *   <li>calls to {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} (direct calls
 *       and method references) go to {@link ExitGuard}, which refuses them;
 *   <li>the value a snippet's {@code do_it$} method returns (the value of an expression cell) is
 *       handed to {@link CellResult#keep} on its way out, so the kernel gets the object without
 *       compiling a second snippet.
 * </ul>
 *
 * <p>Example: {@code byte[] safe = SnippetInstrumentation.rewrite(bytes);}
 */
final class SnippetInstrumentation {

    /** The method JShell runs for each snippet; its return value is the snippet's value. */
    static final String DO_IT = "do_it$";

    private static final String SYSTEM = "java/lang/System";
    private static final String RUNTIME = "java/lang/Runtime";
    private static final String GUARD = ExitGuard.class.getName().replace('.', '/');
    private static final String RESULT = CellResult.class.getName().replace('.', '/');
    private static final String RUNTIME_CALL = "(Ljava/lang/Runtime;I)V";

    private SnippetInstrumentation() {}

    /**
     * The class file with the calls rewritten.
     *
     * @throws IllegalArgumentException if ASM cannot read the class file (a newer class file
     *     version than it knows)
     */
    static byte[] rewrite(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor,
                    String signature, String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature,
                        exceptions);
                boolean keepsResult = name.equals(DO_IT)
                        && descriptor.equals("()Ljava/lang/Object;");
                return new Rewriter(next, keepsResult);
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class Rewriter extends MethodVisitor {
        private final boolean keepsResult;

        Rewriter(MethodVisitor next, boolean keepsResult) {
            super(Opcodes.ASM9, next);
            this.keepsResult = keepsResult;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                boolean isInterface) {
            String guard = guardFor(owner, name, descriptor);
            if (guard != null) {
                String guardDescriptor = owner.equals(SYSTEM) ? "(I)V" : RUNTIME_CALL;
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, guard, guardDescriptor, false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap,
                Object... arguments) {
            Object[] rewritten = arguments.clone();
            for (int i = 0; i < rewritten.length; i++) {
                rewritten[i] = rewriteConstant(rewritten[i]);
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, rewritten);
        }

        @Override
        public void visitLdcInsn(Object value) {
            super.visitLdcInsn(rewriteConstant(value));
        }

        @Override
        public void visitInsn(int opcode) {
            if (keepsResult && opcode == Opcodes.ARETURN) {
                super.visitInsn(Opcodes.DUP);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, RESULT, "keep",
                        "(Ljava/lang/Object;)V", false);
            }
            super.visitInsn(opcode);
        }
    }

    /** A method handle to exit/halt (from {@code System::exit}) turned into one to the guard. */
    private static Object rewriteConstant(Object constant) {
        if (constant instanceof Handle handle) {
            String guard = guardFor(handle.getOwner(), handle.getName(), handle.getDesc());
            if (guard != null) {
                String descriptor = handle.getOwner().equals(SYSTEM) ? "(I)V" : RUNTIME_CALL;
                return new Handle(Opcodes.H_INVOKESTATIC, GUARD, guard, descriptor, false);
            }
        }
        return constant;
    }

    /** The {@link ExitGuard} method replacing {@code owner.name}, or null to keep the call. */
    private static String guardFor(String owner, String name, String descriptor) {
        if (!descriptor.equals("(I)V")) {
            return null;
        }
        if (owner.equals(SYSTEM) && name.equals("exit")) {
            return "exit";
        }
        if (owner.equals(RUNTIME) && name.equals("exit")) {
            return "runtimeExit";
        }
        if (owner.equals(RUNTIME) && name.equals("halt")) {
            return "runtimeHalt";
        }
        return null;
    }
}
