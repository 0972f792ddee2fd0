#if os(Linux)
import Glibc

/// The seccomp filter a box runs under (seccomp(2), "SECCOMP_SET_MODE_FILTER"; the classic
/// BPF program checks the architecture, then the system call number and, for a few calls,
/// their first argument).
///
/// Always refused: tracing or writing another process (`ptrace`, `process_vm_writev`, …),
/// new namespaces, mounts, kernel modules, `bpf`, `perf_event_open`, `io_uring` (which
/// would run system calls past the filter), signals queued to other processes, and
/// `pidfd` calls. A submission (`forbidForks`) also cannot start processes, only threads:
/// the box is then one process, so its memory limit is the box's, and nothing outlives it;
/// and it may signal itself only.
struct SystemCallFilter {
    let forbidForks: Bool
    /// The process that will run the submission (its pid survives `execve`).
    let ownPID: Int32

    private struct Numbers {
        let architecture: UInt32
        let refused: [UInt32]
        let fork: [UInt32]
        let clone: UInt32
        let clone3: UInt32
        let signals: [UInt32]          // kill, tkill, tgkill: the target is the first argument
    }

    #if arch(x86_64)
    private static let numbers = Numbers(
        architecture: 0xC000_003E,
        refused: [101, 310, 311, 246, 320, 175, 313, 176, 165, 166, 155, 161, 272, 308, 250, 248, 249, 321,
                  298, 323, 304, 303, 169, 167, 168, 425, 426, 427, 135, 163, 179, 103, 172, 173, 164, 227,
                  159, 170, 171, 434, 424, 438, 312, 129, 297, 300, 279, 442, 428, 429, 430, 431, 432, 433,
                  212, 153, 440],
        fork: [57, 58], clone: 56, clone3: 435, signals: [62, 200, 234])
    #elseif arch(arm64)
    private static let numbers = Numbers(
        architecture: 0xC000_00B7,
        refused: [117, 270, 271, 104, 294, 105, 273, 106, 40, 39, 41, 51, 97, 268, 219, 217, 218, 280, 241,
                  282, 265, 264, 142, 224, 225, 425, 426, 427, 92, 89, 60, 116, 170, 112, 171, 161, 162, 434,
                  424, 438, 272, 138, 240, 262, 239, 442, 428, 429, 430, 431, 432, 433, 58, 440],
        fork: [], clone: 220, clone3: 435, signals: [129, 130, 131])
    #endif

    // Classic BPF opcodes and seccomp return values (linux/filter.h, linux/seccomp.h).
    private static let load: UInt16 = 0x20, jumpIfEqual: UInt16 = 0x15, jumpIfSet: UInt16 = 0x45
    private static let jumpIfAtLeast: UInt16 = 0x35, giveBack: UInt16 = 0x06
    private static let allow: UInt32 = 0x7FFF_0000, killProcess: UInt32 = 0x8000_0000
    private static func refuse(_ error: Int32) -> UInt32 { 0x0005_0000 | UInt32(error) }
    // Offsets in struct seccomp_data: nr, arch, then args[0] (low half on little-endian).
    private static let numberOffset: UInt32 = 0, architectureOffset: UInt32 = 4, firstArgumentOffset: UInt32 = 16

    private typealias Instruction = (code: UInt16, jumpIfTrue: UInt8, jumpIfFalse: UInt8, k: UInt32)

    /// The program: a list of instructions, every jump forward and short.
    private var program: [Instruction] {
        let n = SystemCallFilter.numbers
        var code: [Instruction] = [
            (Self.load, 0, 0, Self.architectureOffset),
            (Self.jumpIfEqual, 1, 0, n.architecture),
            (Self.giveBack, 0, 0, Self.killProcess),
            (Self.load, 0, 0, Self.numberOffset),
        ]
        #if arch(x86_64)
        // The x32 numbering of the same kernel would bypass the list below.
        code += [(Self.jumpIfAtLeast, 0, 1, 0x4000_0000), (Self.giveBack, 0, 0, Self.refuse(EPERM))]
        #endif
        for number in n.refused {
            code += [(Self.jumpIfEqual, 0, 1, number), (Self.giveBack, 0, 0, Self.refuse(EPERM))]
        }
        // clone3 passes its flags in memory, where the filter cannot read them: glibc then
        // falls back to clone, whose flags it can.
        code += [(Self.jumpIfEqual, 0, 1, n.clone3), (Self.giveBack, 0, 0, Self.refuse(ENOSYS))]
        let namespaces = UInt32(Kernel.newNamespace | Kernel.newUTS | Kernel.newIPC | Kernel.newUser
                                | Kernel.newPID | Kernel.newNetwork | Kernel.newCgroup)
        if forbidForks {
            for number in n.fork {
                code += [(Self.jumpIfEqual, 0, 1, number), (Self.giveBack, 0, 0, Self.refuse(EPERM))]
            }
            code += [
                (Self.jumpIfEqual, 0, 5, n.clone),
                (Self.load, 0, 0, Self.firstArgumentOffset),
                (Self.jumpIfSet, 0, 2, Kernel.thread),
                (Self.jumpIfSet, 1, 0, namespaces),
                (Self.giveBack, 0, 0, Self.allow),
                (Self.giveBack, 0, 0, Self.refuse(EPERM)),
            ]
            for number in n.signals {
                code += [
                    (Self.jumpIfEqual, 0, 4, number),
                    (Self.load, 0, 0, Self.firstArgumentOffset),
                    (Self.jumpIfEqual, 1, 0, UInt32(bitPattern: ownPID)),
                    (Self.giveBack, 0, 0, Self.refuse(EPERM)),
                    (Self.giveBack, 0, 0, Self.allow),
                ]
            }
        } else {
            code += [
                (Self.jumpIfEqual, 0, 3, n.clone),
                (Self.load, 0, 0, Self.firstArgumentOffset),
                (Self.jumpIfSet, 0, 1, namespaces),
                (Self.giveBack, 0, 0, Self.refuse(EPERM)),
            ]
        }
        code.append((Self.giveBack, 0, 0, Self.allow))
        return code
    }

    /// Forbids gaining privileges (`PR_SET_NO_NEW_PRIVS`, which an unprivileged filter
    /// needs) and installs the filter for this process and everything it will start.
    func install() {
        check(Kernel.prctl(Kernel.setNoNewPrivileges, 1), "prctl(PR_SET_NO_NEW_PRIVS)")
        // struct sock_filter is { u16 code; u8 jt; u8 jf; u32 k }, 8 bytes.
        var bytes: [UInt8] = []
        for instruction in program {
            bytes += [UInt8(instruction.code & 0xFF), UInt8(instruction.code >> 8),
                      instruction.jumpIfTrue, instruction.jumpIfFalse]
            bytes += (0..<4).map { UInt8((instruction.k >> (8 * $0)) & 0xFF) }
        }
        let count = program.count
        bytes.withUnsafeMutableBytes { instructions in
            // struct sock_fprog is { u16 len; struct sock_filter *filter }, the pointer 8-aligned.
            var header = [UInt64](repeating: 0, count: 2)
            header[0] = UInt64(count)
            header[1] = UInt64(UInt(bitPattern: instructions.baseAddress))
            header.withUnsafeBytes { fprog in
                check(Kernel.prctl(Kernel.setSeccomp, 2, UInt(bitPattern: fprog.baseAddress)), "seccomp")
            }
        }
    }
}
#endif
