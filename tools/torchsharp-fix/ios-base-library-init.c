/*
 * libmichigrad-glibcxx-compat.so: defines std::ios_base_library_init(), the one GLIBCXX_3.4.32 symbol that
 * TorchSharp 0.107.0's libLibTorchSharp.so asks for. GCC 13's <iostream> references it so that the library that
 * initialises std::cout is linked in; with an older libstdc++ that initialisation already runs from libstdc++
 * itself, so a no-op is correct. Part of tools/torchsharp-fix (see fix.sh there for why).
 */

/* The mangled name of std::ios_base_library_init(); C linkage keeps this file plain C. */
void _ZSt21ios_base_library_initv(void)
{
}
