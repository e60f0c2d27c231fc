//! The single opcode table of ProtoPy bytecode, and everything derived from it.
//!
//! [`for_each_opcode!`] is the *only* list of opcodes.  It invokes a callback
//! macro with one row per opcode:
//!
//! ```text
//! (Variant, "NAME", OperandKind, cache_slots, Flow, |arg, jump| (pops, pushes), "doc")
//! ```
//!
//! * `OperandKind` says how the 32-bit operand is interpreted (and rendered by
//!   the disassembler).
//! * `cache_slots` is the number of inline-cache slots the runtime reserves
//!   for each instance of the instruction (in a per-code side table, see
//!   [`crate::bytecode::CodeObject::cache_index`]); never inline in the code.
//! * `Flow` describes control flow (used by the stack-depth analysis and the
//!   interpreter): `Next` falls through, `CondJump` may jump or fall through,
//!   `Jump` always jumps, `Stop` never continues in this frame.
//! * `|arg, jump| (pops, pushes)`: the number of stack items consumed and
//!   produced, as a function of the operand and of whether the jump is taken
//!   (`jump` is `false` for the fall-through edge).  Only the net effect
//!   matters for the maximum depth; `pops` also documents how deep the
//!   instruction reads.
//! * The doc line uses Forth stack notation `( before -- after )`, top of the
//!   stack on the right, and states exactly what is popped and pushed.
//!
//! Opcode numbers are the declaration order (0, 1, 2, ...); the serializer
//! stores that number, and [`TABLE_FINGERPRINT`] (a hash of the table) is
//! written into serialized files so a file produced by a different table is
//! rejected.  The future interpreter dispatch is derived from the same macro:
//! `for_each_opcode!(my_callback)` with a callback taking the same row
//! pattern as [`define_opcodes`] does here.

/// Invokes `$callback! { rows... }` with the opcode table.  See the module
/// documentation for the row format.  Stack notation: `NULL` is the null
/// marker pushed by `PUSH_NULL`/`LOAD_METHOD`; `arg` is the full operand
/// (after `EXTENDED_ARG` prefixes).
#[macro_export]
macro_rules! for_each_opcode {
    ($callback:ident) => {
        $callback! {
            (Nop, "NOP", NoArg, 0, Next, |a, j| (0, 0),
                "( -- ) Does nothing (keeps a line number alive).");
            (ExtendedArg, "EXTENDED_ARG", Raw, 0, Next, |a, j| (0, 0),
                "( -- ) Prefix: the next unit's operand becomes (arg << 8) | its byte. Never executed on its own.");
            (PopTop, "POP_TOP", NoArg, 0, Next, |a, j| (1, 0),
                "( x -- ) Discards the top of the stack.");
            (PushNull, "PUSH_NULL", NoArg, 0, Next, |a, j| (0, 1),
                "( -- NULL ) Pushes the null marker (used as the `self_or_null` slot of CALL).");
            (Copy, "COPY", Count, 0, Next, |a, j| (a, a + 1),
                "( x_arg ... x_1 -- x_arg ... x_1 x_arg ) Pushes a copy of the arg-th item (1 = top); arg >= 1.");
            (Swap, "SWAP", Count, 0, Next, |a, j| (a, a),
                "( x_arg ... x_1 -- x_1 ... x_arg ) Exchanges the top with the arg-th item (arg >= 2).");
            (LoadConst, "LOAD_CONST", Const, 0, Next, |a, j| (0, 1),
                "( -- consts[arg] ) Pushes a constant.");
            (LoadFast, "LOAD_FAST", Local, 0, Next, |a, j| (0, 1),
                "( -- value ) Pushes local varnames[arg]; raises UnboundLocalError if it is unbound.");
            (StoreFast, "STORE_FAST", Local, 0, Next, |a, j| (1, 0),
                "( value -- ) Stores into local varnames[arg].");
            (DeleteFast, "DELETE_FAST", Local, 0, Next, |a, j| (0, 0),
                "( -- ) Unbinds local varnames[arg]; raises UnboundLocalError if it is unbound.");
            (LoadDeref, "LOAD_DEREF", Deref, 0, Next, |a, j| (0, 1),
                "( -- value ) Pushes the contents of cell arg (index into cellvars ++ freevars); raises UnboundLocalError (cellvar) or NameError 'free variable referenced before assignment' (freevar) if empty.");
            (LoadClassDeref, "LOAD_CLASSDEREF", Deref, 0, Next, |a, j| (0, 1),
                "( -- value ) Class bodies only: looks the cell's name (cellvars ++ freevars)[arg] up in the locals mapping first, then pushes the cell contents (NameError if empty).");
            (StoreDeref, "STORE_DEREF", Deref, 0, Next, |a, j| (1, 0),
                "( value -- ) Stores into cell arg (cellvars ++ freevars).");
            (DeleteDeref, "DELETE_DEREF", Deref, 0, Next, |a, j| (0, 0),
                "( -- ) Empties cell arg; raises like LOAD_DEREF if already empty.");
            (LoadClosure, "LOAD_CLOSURE", Deref, 0, Next, |a, j| (0, 1),
                "( -- cell ) Pushes the cell object arg itself (to build a closure tuple for MAKE_FUNCTION).");
            (LoadName, "LOAD_NAME", Name, 0, Next, |a, j| (0, 1),
                "( -- value ) Looks names[arg] up in locals mapping, then globals, then builtins; NameError if missing.");
            (StoreName, "STORE_NAME", Name, 0, Next, |a, j| (1, 0),
                "( value -- ) locals[names[arg]] = value.");
            (DeleteName, "DELETE_NAME", Name, 0, Next, |a, j| (0, 0),
                "( -- ) del locals[names[arg]]; NameError if missing.");
            (LoadGlobal, "LOAD_GLOBAL", Name, 1, Next, |a, j| (0, 1),
                "( -- value ) Looks names[arg] up in globals then builtins; NameError if missing.");
            (StoreGlobal, "STORE_GLOBAL", Name, 0, Next, |a, j| (1, 0),
                "( value -- ) globals[names[arg]] = value.");
            (DeleteGlobal, "DELETE_GLOBAL", Name, 0, Next, |a, j| (0, 0),
                "( -- ) del globals[names[arg]]; NameError if missing.");
            (LoadAttr, "LOAD_ATTR", Name, 1, Next, |a, j| (1, 1),
                "( obj -- obj.name ) Attribute lookup of names[arg].");
            (LoadMethod, "LOAD_METHOD", Name, 1, Next, |a, j| (1, 2),
                "( obj -- callable self_or_null ) If obj.name resolves to a plain function found on the type (a method), pushes the unbound function and obj; otherwise pushes the attribute value and NULL. Followed by CALL/CALL_KW.");
            (StoreAttr, "STORE_ATTR", Name, 1, Next, |a, j| (2, 0),
                "( value obj -- ) obj.names[arg] = value.");
            (DeleteAttr, "DELETE_ATTR", Name, 0, Next, |a, j| (1, 0),
                "( obj -- ) del obj.names[arg].");
            (BinarySubscr, "BINARY_SUBSCR", NoArg, 1, Next, |a, j| (2, 1),
                "( container key -- container[key] )");
            (StoreSubscr, "STORE_SUBSCR", NoArg, 1, Next, |a, j| (3, 0),
                "( value container key -- ) container[key] = value.");
            (DeleteSubscr, "DELETE_SUBSCR", NoArg, 0, Next, |a, j| (2, 0),
                "( container key -- ) del container[key].");
            (BinarySlice, "BINARY_SLICE", NoArg, 0, Next, |a, j| (3, 1),
                "( container start stop -- container[start:stop] ) start/stop may be None.");
            (StoreSlice, "STORE_SLICE", NoArg, 0, Next, |a, j| (4, 0),
                "( value container start stop -- ) container[start:stop] = value.");
            (BuildSlice, "BUILD_SLICE", Count, 0, Next, |a, j| (a, 1),
                "( start stop [step] -- slice ) arg is 2 or 3.");
            (UnaryNegative, "UNARY_NEGATIVE", NoArg, 0, Next, |a, j| (1, 1),
                "( x -- -x )");
            (UnaryNot, "UNARY_NOT", NoArg, 0, Next, |a, j| (1, 1),
                "( x -- not x ) Pushes a bool.");
            (UnaryInvert, "UNARY_INVERT", NoArg, 0, Next, |a, j| (1, 1),
                "( x -- ~x )");
            (BinaryOp, "BINARY_OP", BinaryOp, 1, Next, |a, j| (2, 1),
                "( lhs rhs -- result ) arg is a BinaryOperator: 0..=12 plain (lhs op rhs), 13..=25 in-place (lhs op= rhs: tries __iop__ first).");
            (CompareOp, "COMPARE_OP", CompareOp, 1, Next, |a, j| (2, 1),
                "( lhs rhs -- result ) Rich comparison; arg: 0 <, 1 <=, 2 ==, 3 !=, 4 >, 5 >=.");
            (IsOp, "IS_OP", Invert, 0, Next, |a, j| (2, 1),
                "( lhs rhs -- bool ) lhs is rhs (arg = 1: is not).");
            (ContainsOp, "CONTAINS_OP", Invert, 0, Next, |a, j| (2, 1),
                "( item container -- bool ) item in container (arg = 1: not in).");
            (JumpForward, "JUMP_FORWARD", Jump, 0, Jump, |a, j| (0, 0),
                "( -- ) Continues at code unit arg (absolute, arg > this offset).");
            (JumpBackward, "JUMP_BACKWARD", Jump, 0, Jump, |a, j| (0, 0),
                "( -- ) Continues at code unit arg (absolute, arg <= this offset). A safepoint: checks signals/GC/thread handshakes.");
            (PopJumpIfFalse, "POP_JUMP_IF_FALSE", Jump, 0, CondJump, |a, j| (1, 0),
                "( cond -- ) Jumps to arg if not truth(cond).");
            (PopJumpIfTrue, "POP_JUMP_IF_TRUE", Jump, 0, CondJump, |a, j| (1, 0),
                "( cond -- ) Jumps to arg if truth(cond).");
            (PopJumpIfNone, "POP_JUMP_IF_NONE", Jump, 0, CondJump, |a, j| (1, 0),
                "( x -- ) Jumps to arg if x is None.");
            (PopJumpIfNotNone, "POP_JUMP_IF_NOT_NONE", Jump, 0, CondJump, |a, j| (1, 0),
                "( x -- ) Jumps to arg if x is not None.");
            (JumpIfFalseOrPop, "JUMP_IF_FALSE_OR_POP", Jump, 0, CondJump, |a, j| (1, if j { 1 } else { 0 }),
                "( x -- x | ) If not truth(x): jumps to arg leaving x on the stack; otherwise pops x and falls through.");
            (JumpIfTrueOrPop, "JUMP_IF_TRUE_OR_POP", Jump, 0, CondJump, |a, j| (1, if j { 1 } else { 0 }),
                "( x -- x | ) If truth(x): jumps to arg leaving x on the stack; otherwise pops x and falls through.");
            (GetIter, "GET_ITER", NoArg, 0, Next, |a, j| (1, 1),
                "( iterable -- iter(iterable) )");
            (GetYieldFromIter, "GET_YIELD_FROM_ITER", NoArg, 0, Next, |a, j| (1, 1),
                "( x -- iterator ) For `yield from`: coroutines pass through (TypeError \"cannot 'yield from' a coroutine object in a non-coroutine generator\" unless this code is a coroutine/ITERABLE_COROUTINE), generators pass through, anything else becomes iter(x).");
            (ForIter, "FOR_ITER", Jump, 1, CondJump, |a, j| (1, if j { 0 } else { 2 }),
                "( iter -- iter next ) Calls next(iter); on exhaustion (StopIteration, which is swallowed) pops iter and jumps to arg: ( iter -- ).");
            (ReturnValue, "RETURN_VALUE", NoArg, 0, Stop, |a, j| (1, 0),
                "( value -- ) Returns value from the frame (for generators: finishes them; the value becomes StopIteration.value).");
            (ReturnConst, "RETURN_CONST", Const, 0, Stop, |a, j| (0, 0),
                "( -- ) Returns consts[arg] from the frame.");
            (BuildTuple, "BUILD_TUPLE", Count, 0, Next, |a, j| (a, 1),
                "( x_1 ... x_arg -- tuple ) Tuple of the arg top items, in stack order.");
            (BuildList, "BUILD_LIST", Count, 0, Next, |a, j| (a, 1),
                "( x_1 ... x_arg -- list )");
            (BuildSet, "BUILD_SET", Count, 0, Next, |a, j| (a, 1),
                "( x_1 ... x_arg -- set ) Items added left to right.");
            (BuildMap, "BUILD_MAP", Count, 0, Next, |a, j| (2 * a, 1),
                "( k_1 v_1 ... k_arg v_arg -- dict ) Items inserted left to right.");
            (BuildConstKeyMap, "BUILD_CONST_KEY_MAP", Count, 0, Next, |a, j| (a + 1, 1),
                "( v_1 ... v_arg keys -- dict ) keys is a tuple of arg keys.");
            (BuildString, "BUILD_STRING", Count, 0, Next, |a, j| (a, 1),
                "( s_1 ... s_arg -- str ) Concatenates arg str objects.");
            (ListAppend, "LIST_APPEND", Count, 0, Next, |a, j| (a + 1, a),
                "( list x_(arg-1) ... x_1 item -- list x_(arg-1) ... x_1 ) Pops item and appends it to the list at stack[-arg] (counted after the pop).");
            (SetAdd, "SET_ADD", Count, 0, Next, |a, j| (a + 1, a),
                "( set ... item -- set ... ) Pops item and adds it to the set at stack[-arg] (after the pop).");
            (MapAdd, "MAP_ADD", Count, 0, Next, |a, j| (a + 2, a),
                "( dict ... key value -- dict ... ) Pops value then key; dict at stack[-arg] (after both pops) gets dict[key] = value.");
            (ListExtend, "LIST_EXTEND", Count, 0, Next, |a, j| (a + 1, a),
                "( list ... iterable -- list ... ) Pops iterable; list at stack[-arg] (after the pop) .extend(iterable).");
            (SetUpdate, "SET_UPDATE", Count, 0, Next, |a, j| (a + 1, a),
                "( set ... iterable -- set ... ) Pops iterable; set at stack[-arg] (after the pop) .update(iterable).");
            (DictUpdate, "DICT_UPDATE", Count, 0, Next, |a, j| (a + 1, a),
                "( dict ... mapping -- dict ... ) Pops mapping; dict at stack[-arg] .update(mapping); TypeError \"'T' object is not a mapping\" if it is not one.");
            (DictMerge, "DICT_MERGE", Count, 0, Next, |a, j| (a + 1, a),
                "( dict ... mapping -- dict ... ) Like DICT_UPDATE for **kwargs: TypeError on a duplicate key (\"f() got multiple values for keyword argument 'k'\"; the callable is at stack[-(arg + 3)] after the pop) or a non-mapping.");
            (UnpackSequence, "UNPACK_SEQUENCE", Count, 1, Next, |a, j| (1, a),
                "( seq -- x_arg ... x_1 ) Unpacks exactly arg items; item 0 ends on top. ValueError on a length mismatch.");
            (UnpackEx, "UNPACK_EX", UnpackEx, 0, Next, |a, j| (1, (a & 0xFF) + (a >> 8) + 1),
                "( seq -- after... list before... ) Starred unpacking: arg & 0xFF items before the star, arg >> 8 after; the starred part is a list. First item on top.");
            (FormatValue, "FORMAT_VALUE", Format, 0, Next, |a, j| (1 + ((a & 4) >> 2), 1),
                "( value [spec] -- str ) f-string field: arg & 3 is the conversion (0 none, 1 str, 2 repr, 3 ascii), arg & 4 means a format spec str is on top; result is format(converted, spec or '').");
            (MakeFunction, "MAKE_FUNCTION", MakeFunction, 0, Next, |a, j| (1 + (a & 0xF).count_ones(), 1),
                "( [defaults] [kwdefaults] [annotations] [closure] code -- function ) Optional items present when arg has 0x01 (defaults tuple), 0x02 (kw-only defaults dict), 0x04 (annotations: tuple of alternating name str, value), 0x08 (closure tuple of cells, in code.freevars order). Name/qualname come from the code object; __module__ from globals['__name__'].");
            (Call, "CALL", Count, 1, Next, |a, j| (a + 2, 1),
                "( callable self_or_null arg_1 ... arg_arg -- result ) If self_or_null is not NULL it is passed as an extra first positional argument.");
            (CallKw, "CALL_KW", Count, 1, Next, |a, j| (a + 3, 1),
                "( callable self_or_null arg_1 ... arg_arg kwnames -- result ) kwnames is a tuple of str; the last len(kwnames) of the arg values are keyword arguments with those names.");
            (CallFunctionEx, "CALL_FUNCTION_EX", Flags, 0, Next, |a, j| (3 + (a & 1), 1),
                "( callable self_or_null args [kwargs] -- result ) args is any iterable (converted to a tuple if it is not one); kwargs (present when arg & 1) is a dict.");
            (CallIntrinsic1, "CALL_INTRINSIC_1", Intrinsic1, 0, Next, |a, j| (1, 1),
                "( x -- result ) Calls intrinsic function arg (see Intrinsic1) on x.");
            (CallIntrinsic2, "CALL_INTRINSIC_2", Intrinsic2, 0, Next, |a, j| (2, 1),
                "( x y -- result ) Calls intrinsic function arg (see Intrinsic2) on (x, y).");
            (LoadBuildClass, "LOAD_BUILD_CLASS", NoArg, 0, Next, |a, j| (0, 1),
                "( -- builtins.__build_class__ ) NameError \"__build_class__ not found\" if missing.");
            (ImportName, "IMPORT_NAME", Name, 0, Next, |a, j| (2, 1),
                "( level fromlist -- module ) __import__(names[arg], globals, locals (None in functions), fromlist, level).");
            (ImportFrom, "IMPORT_FROM", Name, 0, Next, |a, j| (1, 2),
                "( module -- module value ) value = getattr(module, names[arg]), falling back to sys.modules[f'{module.__name__}.{name}']; ImportError \"cannot import name ...\" otherwise.");
            (RaiseVarargs, "RAISE_VARARGS", Raise, 0, Stop, |a, j| (a, 0),
                "( [exc [cause]] -- ) arg 0: re-raise the exception being handled (RuntimeError 'No active exception to reraise' if none); 1: raise exc; 2: raise exc from cause.");
            (Reraise, "RERAISE", Flags, 0, Stop, |a, j| (1, 0),
                "( exc -- ) Re-raises exc without touching its traceback. If arg != 0, first sets the frame's last-instruction offset to the int at stack[-arg] (counted after popping exc) so the traceback points at the original instruction.");
            (PushExcInfo, "PUSH_EXC_INFO", NoArg, 0, Next, |a, j| (1, 2),
                "( exc -- prev_exc exc ) Saves the thread's current handled exception (None if none) and makes exc the handled exception (sys.exc_info()).");
            (PopExcept, "POP_EXCEPT", NoArg, 0, Next, |a, j| (1, 0),
                "( prev_exc -- ) Restores the thread's handled exception to prev_exc.");
            (CheckExcMatch, "CHECK_EXC_MATCH", NoArg, 0, Next, |a, j| (2, 2),
                "( exc type -- exc bool ) isinstance-style exception match; TypeError if type is not an exception class or tuple of them.");
            (CheckEgMatch, "CHECK_EG_MATCH", NoArg, 0, Next, |a, j| (2, 2),
                "( exc type -- rest match ) except*: splits exc (wrapping a naked exception in an ExceptionGroup) by type; pushes the non-matching rest (or None) and the matching group (or None when nothing matched, then rest is exc itself). TypeError for ExceptionGroup types.");
            (WithExceptStart, "WITH_EXCEPT_START", NoArg, 0, Next, |a, j| (5, 6),
                "( exit self_or_NULL lasti prev_exc exc -- exit self_or_NULL lasti prev_exc exc result ) Calls exit(self, type(exc), exc, exc.__traceback__), or exit(type(exc), exc, exc.__traceback__) when the second slot is NULL.");
            (BeforeWith, "BEFORE_WITH", NoArg, 0, Next, |a, j| (1, 3),
                "( mgr -- exit self_or_NULL enter_result ) Looks up type(mgr).__exit__ and calls mgr.__enter__(). A Python function or a builtin method goes with mgr as its self, as CALL takes them (no bound method is made); any other descriptor is bound, with NULL. TypeError if the protocol is missing.");
            (BeforeAsyncWith, "BEFORE_ASYNC_WITH", NoArg, 0, Next, |a, j| (1, 3),
                "( mgr -- aexit self_or_NULL awaitable ) Looks up __aexit__ (as BEFORE_WITH does __exit__) and calls mgr.__aenter__().");
            (LoadAssertionError, "LOAD_ASSERTION_ERROR", NoArg, 0, Next, |a, j| (0, 1),
                "( -- AssertionError ) Pushes the builtin AssertionError class (not looked up by name).");
            (YieldValue, "YIELD_VALUE", NoArg, 0, Next, |a, j| (1, 1),
                "( value -- sent ) Suspends the generator, producing value (in an ASYNC_GENERATOR code: an async-generator item). On resume via send(v)/next() pushes v (None for next); via throw(e) raises e at this instruction.");
            (YieldFrom, "YIELD_FROM", NoArg, 0, Next, |a, j| (2, 1),
                "( iter value -- result ) Delegation (yield from / await): sends value to iter (next() if value is None and iter is not a generator/coroutine). If iter yields x: the frame suspends producing x with iter kept on the stack, and on resume the sent value is pushed and YIELD_FROM runs again (throw()/close() are delegated to iter by the runtime). If iter finishes: pops iter, pushes its return value.");
            (GetAwaitable, "GET_AWAITABLE", Awaitable, 0, Next, |a, j| (1, 1),
                "( obj -- awaitable_iter ) Coroutine objects pass through, otherwise obj.__await__(). arg is the context for error messages: 0 await, 1 __aenter__, 2 __aexit__. RuntimeError if the coroutine is already being awaited.");
            (GetAiter, "GET_AITER", NoArg, 0, Next, |a, j| (1, 1),
                "( obj -- obj.__aiter__() ) TypeError if missing or if the result lacks __anext__.");
            (GetAnext, "GET_ANEXT", NoArg, 0, Next, |a, j| (1, 2),
                "( aiter -- aiter awaitable ) Pushes the awaitable of aiter.__anext__().");
            (EndAsyncFor, "END_ASYNC_FOR", NoArg, 0, Next, |a, j| (2, 0),
                "( aiter exc -- ) Handler target of an async for: if exc is a StopAsyncIteration pops both and continues, else re-raises exc.");
            (SetupAnnotations, "SETUP_ANNOTATIONS", NoArg, 0, Next, |a, j| (0, 0),
                "( -- ) If the locals mapping has no '__annotations__' key, sets it to a new dict.");
            (MatchClass, "MATCH_CLASS", Count, 0, Next, |a, j| (3, 1),
                "( subject cls kw_names -- attrs_or_None ) If isinstance(subject, cls) and it has the arg positional sub-pattern attributes (via cls.__match_args__, or the subject itself for the self-matching builtins when arg == 1) and the keyword attributes named by the tuple kw_names, pushes a tuple of the arg + len(kw_names) values; else None. TypeError for non-class cls or bad __match_args__.");
            (MatchMapping, "MATCH_MAPPING", NoArg, 0, Next, |a, j| (1, 2),
                "( subject -- subject bool ) True if subject is a collections.abc.Mapping (type flag).");
            (MatchSequence, "MATCH_SEQUENCE", NoArg, 0, Next, |a, j| (1, 2),
                "( subject -- subject bool ) True if subject is a sequence for pattern matching (not str/bytes/bytearray).");
            (MatchKeys, "MATCH_KEYS", NoArg, 0, Next, |a, j| (2, 3),
                "( subject keys -- subject keys values_or_None ) Looks every key of the tuple keys up in subject (via subject.get(key, sentinel)); pushes a tuple of the values or None if one is missing.");
            (GetLen, "GET_LEN", NoArg, 0, Next, |a, j| (1, 2),
                "( x -- x len(x) )");
            (LoadLocals, "LOAD_LOCALS", NoArg, 0, Next, |a, j| (0, 1),
                "( -- mapping ) Pushes the locals mapping of a class body or module frame (a class body stores it in its __classdict__ cell).");
            (LoadFromDictOrGlobals, "LOAD_FROM_DICT_OR_GLOBALS", Name, 0, Next, |a, j| (1, 1),
                "( mapping -- value ) Annotation scopes in class bodies: looks names[arg] up in mapping (the class namespace), then globals, then builtins; NameError if missing.");
            (LoadFromDictOrDeref, "LOAD_FROM_DICT_OR_DEREF", Deref, 0, Next, |a, j| (1, 1),
                "( mapping -- value ) Annotation scopes in class bodies: looks the cell's name (cellvars ++ freevars)[arg] up in mapping (the class namespace), then pushes the cell contents (NameError if empty).");
        }
    };
}

/// How an opcode's operand is interpreted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperandKind {
    /// The operand is unused (always 0).
    NoArg,
    /// Raw integer (EXTENDED_ARG only).
    Raw,
    /// A small count.
    Count,
    /// Index into `consts`.
    Const,
    /// Index into `names`.
    Name,
    /// Index into `varnames`.
    Local,
    /// Index into `cellvars ++ freevars`.
    Deref,
    /// Absolute jump target, in code units.
    Jump,
    /// A [`BinaryOperator`].
    BinaryOp,
    /// A [`ComparisonOperator`].
    CompareOp,
    /// 0 or 1 (1 inverts the test).
    Invert,
    /// Opcode-specific flag bits.
    Flags,
    /// FORMAT_VALUE flags.
    Format,
    /// MAKE_FUNCTION flags.
    MakeFunction,
    /// RAISE_VARARGS form.
    Raise,
    /// GET_AWAITABLE context.
    Awaitable,
    /// UNPACK_EX counts.
    UnpackEx,
    /// An [`Intrinsic1`].
    Intrinsic1,
    /// An [`Intrinsic2`].
    Intrinsic2,
}

/// Control-flow class of an opcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Always continues with the next instruction.
    Next,
    /// Either jumps to its operand or continues.
    CondJump,
    /// Always jumps to its operand.
    Jump,
    /// Leaves the frame (return/raise).
    Stop,
}

macro_rules! define_opcodes {
    ($( ($variant:ident, $name:literal, $operand:ident, $cache:literal, $flow:ident,
         |$a:ident, $j:ident| $effect:expr, $doc:literal); )*) => {
        /// A ProtoPy opcode (see the module documentation and `docs/BYTECODE.md`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Opcode {
            $( #[doc = $doc] $variant, )*
        }

        impl Opcode {
            /// Every opcode, in numbering order.
            pub const ALL: &'static [Opcode] = &[$(Opcode::$variant,)*];

            /// The opcode with number `byte`, if any.
            ///
            /// A `match` on the numbers (not an index into [`Opcode::ALL`]):
            /// the compiler reduces it to a range check, so the interpreter's
            /// dispatch has no extra dependent load.
            #[inline(always)]
            #[allow(non_upper_case_globals)]
            pub fn from_u8(byte: u8) -> Option<Opcode> {
                $(
                    const $variant: u8 = Opcode::$variant as u8;
                )*
                match byte {
                    $( $variant => Some(Opcode::$variant), )*
                    _ => None,
                }
            }

            /// The number of opcodes, numbered `0..COUNT` in [`Opcode::ALL`]'s order.
            pub const COUNT: usize = Opcode::ALL.len();

            /// The opcode with number `byte`, without [`Opcode::from_u8`]'s
            /// range check (the interpreter's dispatch: two instructions per
            /// instruction run).
            ///
            /// # Safety
            /// `byte` must be below [`Opcode::COUNT`]: an opcode byte of a
            /// code object, which the code-stream invariant guarantees
            /// (`decode_at` accepts no other, and validated or compiled code
            /// decodes at every instruction).
            #[inline(always)]
            pub unsafe fn from_u8_unchecked(byte: u8) -> Opcode {
                debug_assert!((byte as usize) < Self::COUNT, "bad opcode {byte}");
                // SAFETY: `Opcode` is `repr(u8)` with the implicit
                // discriminants `0..COUNT`, and the caller passes one of them.
                unsafe { std::mem::transmute::<u8, Opcode>(byte) }
            }

            /// The upper-case name shown by the disassembler.
            pub const fn name(self) -> &'static str {
                match self { $(Opcode::$variant => $name,)* }
            }

            /// How the operand is interpreted.
            pub const fn operand(self) -> OperandKind {
                match self { $(Opcode::$variant => OperandKind::$operand,)* }
            }

            /// Inline-cache slots reserved per instruction (side table).
            pub const fn cache_slots(self) -> u32 {
                match self { $(Opcode::$variant => $cache,)* }
            }

            /// Control-flow class.
            pub const fn flow(self) -> Flow {
                match self { $(Opcode::$variant => Flow::$flow,)* }
            }

            /// The documentation line (stack effect and semantics).
            pub const fn doc(self) -> &'static str {
                match self { $(Opcode::$variant => $doc,)* }
            }

            /// `(pops, pushes)` for operand `arg`; `jump` selects the branch edge
            /// of a conditional jump (ignored by other opcodes).
            #[allow(unused_variables)]
            pub fn stack_effect_parts(self, arg: u32, jump: bool) -> (u32, u32) {
                match self {
                    $(Opcode::$variant => { let $a: u32 = arg; let $j: bool = jump; $effect })*
                }
            }
        }

        const FINGERPRINT_SOURCE: &[&str] = &[$( concat!($name, ":", stringify!($operand), ":", $cache, ":", stringify!($flow), ":", stringify!($effect)), )*];
    };
}

for_each_opcode!(define_opcodes);

impl Opcode {
    /// Net stack effect (`pushes - pops`).
    pub fn stack_effect(self, arg: u32, jump: bool) -> i64 {
        let (pops, pushes) = self.stack_effect_parts(arg, jump);
        i64::from(pushes) - i64::from(pops)
    }

    /// True for opcodes whose operand is a jump target.
    pub const fn is_jump(self) -> bool {
        matches!(self.operand(), OperandKind::Jump)
    }

    /// Looks an opcode up by its disassembler name.
    pub fn from_name(name: &str) -> Option<Opcode> {
        Self::ALL.iter().copied().find(|op| op.name() == name)
    }
}

const fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01B3);
        i += 1;
    }
    hash
}

const fn table_fingerprint() -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    let mut i = 0;
    while i < FINGERPRINT_SOURCE.len() {
        hash = fnv1a(hash, FINGERPRINT_SOURCE[i].as_bytes());
        hash = fnv1a(hash, b";");
        i += 1;
    }
    hash
}

/// A hash of the whole opcode table (names, numbering, operands, caches,
/// flow, effects).  Serialized code records it; a mismatch means the file was
/// written by a different bytecode version.
pub const TABLE_FINGERPRINT: u64 = table_fingerprint();

const _: () = assert!(Opcode::ALL.len() <= 256, "opcodes must fit in a byte");

/// Number of opcodes.
pub const OPCODE_COUNT: usize = Opcode::ALL.len();

macro_rules! operand_enum {
    ($(#[$m:meta])* $ty:ident { $($variant:ident = $val:literal => $text:literal,)* }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum $ty { $( #[doc = $text] $variant = $val, )* }
        impl $ty {
            /// All values in numbering order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant,)*];
            /// Decodes an operand.
            pub fn from_arg(arg: u32) -> Option<$ty> {
                match arg { $( $val => Some($ty::$variant), )* _ => None }
            }
            /// Display text (operator symbol or name).
            pub const fn text(self) -> &'static str {
                match self { $( $ty::$variant => $text, )* }
            }
        }
    };
}

operand_enum!(
    /// Operand of BINARY_OP (CPython 3.11 numbering).
    BinaryOperator {
        Add = 0 => "+", And = 1 => "&", FloorDivide = 2 => "//", Lshift = 3 => "<<",
        MatrixMultiply = 4 => "@", Multiply = 5 => "*", Remainder = 6 => "%", Or = 7 => "|",
        Power = 8 => "**", Rshift = 9 => ">>", Subtract = 10 => "-", TrueDivide = 11 => "/",
        Xor = 12 => "^",
        InplaceAdd = 13 => "+=", InplaceAnd = 14 => "&=", InplaceFloorDivide = 15 => "//=",
        InplaceLshift = 16 => "<<=", InplaceMatrixMultiply = 17 => "@=", InplaceMultiply = 18 => "*=",
        InplaceRemainder = 19 => "%=", InplaceOr = 20 => "|=", InplacePower = 21 => "**=",
        InplaceRshift = 22 => ">>=", InplaceSubtract = 23 => "-=", InplaceTrueDivide = 24 => "/=",
        InplaceXor = 25 => "^=",
    }
);

impl BinaryOperator {
    /// The in-place variant of a plain operator (identity for in-place ones).
    pub fn inplace(self) -> BinaryOperator {
        let v = self as u32;
        if v < 13 {
            BinaryOperator::from_arg(v + 13).unwrap_or(self)
        } else {
            self
        }
    }
    /// True for the `op=` forms.
    pub fn is_inplace(self) -> bool {
        (self as u32) >= 13
    }
}

operand_enum!(
    /// Operand of COMPARE_OP (CPython's Py_LT..Py_GE).
    ComparisonOperator {
        Less = 0 => "<", LessEqual = 1 => "<=", Equal = 2 => "==", NotEqual = 3 => "!=",
        Greater = 4 => ">", GreaterEqual = 5 => ">=",
    }
);

operand_enum!(
    /// Operand of CALL_INTRINSIC_1 (CPython 3.12 numbering).
    Intrinsic1 {
        Invalid = 0 => "INTRINSIC_INVALID",
        Print = 1 => "INTRINSIC_PRINT",
        ImportStar = 2 => "INTRINSIC_IMPORT_STAR",
        StopIterationError = 3 => "INTRINSIC_STOPITERATION_ERROR",
        AsyncGenWrap = 4 => "INTRINSIC_ASYNC_GEN_WRAP",
        UnaryPositive = 5 => "INTRINSIC_UNARY_POSITIVE",
        ListToTuple = 6 => "INTRINSIC_LIST_TO_TUPLE",
        TypeVar = 7 => "INTRINSIC_TYPEVAR",
        ParamSpec = 8 => "INTRINSIC_PARAMSPEC",
        TypeVarTuple = 9 => "INTRINSIC_TYPEVARTUPLE",
        SubscriptGeneric = 10 => "INTRINSIC_SUBSCRIPT_GENERIC",
        TypeAlias = 11 => "INTRINSIC_TYPEALIAS",
    }
);

operand_enum!(
    /// Operand of CALL_INTRINSIC_2 (CPython 3.12 numbering).
    Intrinsic2 {
        Invalid = 0 => "INTRINSIC_2_INVALID",
        PrepReraiseStar = 1 => "INTRINSIC_PREP_RERAISE_STAR",
        TypeVarWithBound = 2 => "INTRINSIC_TYPEVAR_WITH_BOUND",
        TypeVarWithConstraints = 3 => "INTRINSIC_TYPEVAR_WITH_CONSTRAINTS",
        SetFunctionTypeParams = 4 => "INTRINSIC_SET_FUNCTION_TYPE_PARAMS",
    }
);

/// Semantics of each [`Intrinsic1`] (used by the docs generator).
pub fn intrinsic1_doc(i: Intrinsic1) -> &'static str {
    match i {
        Intrinsic1::Invalid => "never emitted",
        Intrinsic1::Print => "interactive mode: calls sys.displayhook(x); result None",
        Intrinsic1::ImportStar => "x is a module: copies its public names (__all__ or names not starting with '_') into the locals mapping; result None",
        Intrinsic1::StopIterationError => "reserved (the runtime converts StopIteration escaping a generator into RuntimeError itself)",
        Intrinsic1::AsyncGenWrap => "reserved (YIELD_VALUE in an ASYNC_GENERATOR code wraps implicitly)",
        Intrinsic1::UnaryPositive => "+x",
        Intrinsic1::ListToTuple => "tuple(x) for a list x",
        Intrinsic1::TypeVar => "typing.TypeVar(x) (PEP 695)",
        Intrinsic1::ParamSpec => "typing.ParamSpec(x) (PEP 695)",
        Intrinsic1::TypeVarTuple => "typing.TypeVarTuple(x) (PEP 695)",
        Intrinsic1::SubscriptGeneric => "typing.Generic[*x] for a tuple x (PEP 695)",
        Intrinsic1::TypeAlias => "x = (name, type_params_or_None, evaluate_function): returns a typing.TypeAliasType (PEP 695)",
    }
}

/// Semantics of each [`Intrinsic2`] (used by the docs generator).
pub fn intrinsic2_doc(i: Intrinsic2) -> &'static str {
    match i {
        Intrinsic2::Invalid => "never emitted",
        Intrinsic2::PrepReraiseStar => "(orig_exc, raised_list): computes the exception group to re-raise at the end of try/except* (None if nothing)",
        Intrinsic2::TypeVarWithBound => "(name, bound_evaluator): TypeVar with a lazily evaluated bound",
        Intrinsic2::TypeVarWithConstraints => "(name, constraints_evaluator): TypeVar with lazily evaluated constraints",
        Intrinsic2::SetFunctionTypeParams => "(function, type_params_tuple): sets function.__type_params__, returns the function",
    }
}

/// MAKE_FUNCTION flag: a defaults tuple is on the stack.
pub const MAKE_FUNCTION_DEFAULTS: u32 = 0x01;
/// MAKE_FUNCTION flag: a keyword-only defaults dict is on the stack.
pub const MAKE_FUNCTION_KWDEFAULTS: u32 = 0x02;
/// MAKE_FUNCTION flag: an annotations tuple is on the stack.
pub const MAKE_FUNCTION_ANNOTATIONS: u32 = 0x04;
/// MAKE_FUNCTION flag: a closure tuple is on the stack.
pub const MAKE_FUNCTION_CLOSURE: u32 = 0x08;

/// FORMAT_VALUE conversion: none.
pub const FVC_NONE: u32 = 0;
/// FORMAT_VALUE conversion: `!s`.
pub const FVC_STR: u32 = 1;
/// FORMAT_VALUE conversion: `!r`.
pub const FVC_REPR: u32 = 2;
/// FORMAT_VALUE conversion: `!a`.
pub const FVC_ASCII: u32 = 3;
/// FORMAT_VALUE: a format spec is on the stack.
pub const FVS_HAVE_SPEC: u32 = 4;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_roundtrips() {
        for (i, op) in Opcode::ALL.iter().enumerate() {
            assert_eq!(*op as usize, i);
            assert_eq!(Opcode::from_u8(i as u8), Some(*op));
            assert_eq!(Opcode::from_name(op.name()), Some(*op));
            // SAFETY: `i` is below `COUNT` (the length of `ALL`).
            assert_eq!(unsafe { Opcode::from_u8_unchecked(i as u8) }, *op);
        }
        assert!(Opcode::COUNT <= 256);
        assert_eq!(Opcode::from_u8(Opcode::COUNT as u8), None);
        assert_eq!(Opcode::from_u8(255), None);
    }

    #[test]
    fn effects_are_consistent() {
        assert_eq!(Opcode::BuildTuple.stack_effect(3, false), -2);
        assert_eq!(Opcode::MakeFunction.stack_effect(0x0F, false), -4);
        assert_eq!(Opcode::ForIter.stack_effect(0, false), 1);
        assert_eq!(Opcode::ForIter.stack_effect(0, true), -1);
        assert_eq!(Opcode::UnpackEx.stack_effect(1 | (2 << 8), false), 3);
        assert_eq!(Opcode::CallKw.stack_effect(2, false), -4);
        for op in Opcode::ALL {
            assert!(!op.doc().is_empty());
            assert!(
                op.doc().starts_with('('),
                "{} doc must start with a stack picture",
                op.name()
            );
            if op.is_jump() {
                assert!(matches!(op.flow(), Flow::Jump | Flow::CondJump));
            }
        }
    }

    #[test]
    fn binary_operator_inplace() {
        assert_eq!(BinaryOperator::Add.inplace(), BinaryOperator::InplaceAdd);
        assert_eq!(BinaryOperator::Xor.inplace(), BinaryOperator::InplaceXor);
        assert!(BinaryOperator::InplaceOr.is_inplace());
    }
}
