/*
 * weaken-verneed FILE LIBRARY VERSION
 *
 * Marks one symbol-version requirement of an ELF64 little-endian shared object as weak: in FILE's
 * version-needs table (.gnu.version_r), the entry for LIBRARY (e.g. libstdc++.so.6) that asks for VERSION
 * (e.g. GLIBCXX_3.4.32) gets vna_flags |= VER_FLG_WEAK. The dynamic loader then loads FILE even where LIBRARY
 * lacks VERSION, instead of failing with "version `VERSION' not found".
 *
 * Idempotent: an entry that is already weak is left as it is. Prints what it did; exits 0 when the entry is
 * now weak or FILE does not ask for VERSION at all, 1 on any error.
 *
 * Part of tools/torchsharp-fix (see fix.sh there for why).
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(const char *file, const char *what)
{
    fprintf(stderr, "weaken-verneed: %s: %s\n", file, what);
    return 1;
}

/* True when [offset, offset + size) lies inside a file of file_size bytes. */
static int inside(size_t file_size, size_t offset, size_t size)
{
    return offset <= file_size && size <= file_size - offset;
}

int main(int argc, char **argv)
{
    if (argc != 4)
    {
        fprintf(stderr, "usage: weaken-verneed FILE LIBRARY VERSION\n");
        return 1;
    }
    const char *file = argv[1], *library = argv[2], *version = argv[3];

    int fd = open(file, O_RDWR);
    if (fd < 0) return fail(file, "cannot open for writing");
    struct stat st;
    if (fstat(fd, &st) != 0 || (size_t)st.st_size < sizeof(Elf64_Ehdr)) return fail(file, "too small to be ELF");
    size_t size = (size_t)st.st_size;
    unsigned char *image = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (image == MAP_FAILED) return fail(file, "cannot map");

    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)image;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_ident[EI_DATA] != ELFDATA2LSB)
        return fail(file, "not an ELF64 little-endian file");
    if (eh->e_shentsize != sizeof(Elf64_Shdr) || !inside(size, eh->e_shoff, (size_t)eh->e_shnum * sizeof(Elf64_Shdr)))
        return fail(file, "bad section header table");

    const Elf64_Shdr *sections = (const Elf64_Shdr *)(image + eh->e_shoff);
    int found = 0, patched = 0;
    for (int s = 0; s < eh->e_shnum; s++)
    {
        const Elf64_Shdr *sh = &sections[s];
        if (sh->sh_type != SHT_GNU_verneed) continue;
        if (sh->sh_link >= eh->e_shnum) return fail(file, "bad string table link");
        const Elf64_Shdr *strtab = &sections[sh->sh_link];
        if (!inside(size, sh->sh_offset, sh->sh_size) || !inside(size, strtab->sh_offset, strtab->sh_size))
            return fail(file, "section outside the file");
        const char *strings = (const char *)(image + strtab->sh_offset);

        /* sh_info is the number of Verneed entries (one per library); each chains its Vernaux entries. */
        size_t need_offset = sh->sh_offset;
        for (Elf64_Word n = 0; n < sh->sh_info; n++)
        {
            if (!inside(size, need_offset, sizeof(Elf64_Verneed))) return fail(file, "bad version-needs entry");
            Elf64_Verneed *need = (Elf64_Verneed *)(image + need_offset);
            if (need->vn_file >= strtab->sh_size) return fail(file, "bad library name");
            int library_matches = strcmp(strings + need->vn_file, library) == 0;

            size_t aux_offset = need_offset + need->vn_aux;
            for (Elf64_Half a = 0; a < need->vn_cnt; a++)
            {
                if (!inside(size, aux_offset, sizeof(Elf64_Vernaux))) return fail(file, "bad version-needs aux entry");
                Elf64_Vernaux *aux = (Elf64_Vernaux *)(image + aux_offset);
                if (aux->vna_name >= strtab->sh_size) return fail(file, "bad version name");
                if (library_matches && strcmp(strings + aux->vna_name, version) == 0)
                {
                    found = 1;
                    if (!(aux->vna_flags & VER_FLG_WEAK))
                    {
                        aux->vna_flags |= VER_FLG_WEAK;
                        patched = 1;
                    }
                }
                aux_offset += aux->vna_next;
            }
            need_offset += need->vn_next;
        }
    }

    if (munmap(image, size) != 0 || close(fd) != 0) return fail(file, "cannot write back");
    if (!found)
        printf("weaken-verneed: %s does not ask for %s from %s: nothing to do\n", file, version, library);
    else
        printf("weaken-verneed: %s: %s from %s %s\n", file, version, library, patched ? "is now weak" : "was already weak");
    return 0;
}
